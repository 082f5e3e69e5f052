package dev.lookalike.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Scalar and SIMD kernels against a double-precision reference and each other, on awkward sizes. */
class VectorKernelsTest {

    private static final int[] SIZES = {1, 13, 207, 702, 768};

    private static List<VectorKernels> implementations() {
        List<VectorKernels> kernels = new ArrayList<>();
        kernels.add(VectorKernels.scalar());
        KernelSelector.simd().ifPresent(kernels::add);
        return kernels;
    }

    @Test
    void simdKernelsAreChosenWhenTheModuleIsPresent() {
        // The test JVM runs with --add-modules jdk.incubator.vector (root pom's test.jvm.args).
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "test JVM lacks the module");
        assertTrue(KernelSelector.simd().isPresent());
        assertTrue(
                VectorKernels.best().name().startsWith("panama-"),
                VectorKernels.best().name());
    }

    @Test
    void dotAndSquareDistanceMatchDoublePrecision() {
        SplittableRandom random = new SplittableRandom(7);
        for (int size : SIZES) {
            float[] a = randomArray(random, size + 5);
            float[] b = randomArray(random, size + 3);
            double dot = 0, distance = 0, magnitude = 0;
            for (int i = 0; i < size; i++) {
                dot += (double) a[i + 5] * b[i + 3];
                magnitude += Math.abs((double) a[i + 5] * b[i + 3]);
                double d = (double) a[i + 5] - b[i + 3];
                distance += d * d;
            }
            for (VectorKernels kernels : implementations()) {
                String what = kernels.name() + " size " + size;
                assertEquals(dot, kernels.dot(a, 5, b, 3, size), 1e-6 * magnitude + 1e-7, what);
                assertEquals(distance, kernels.squareDistance(a, 5, b, 3, size), 1e-6 * distance + 1e-7, what);
            }
        }
    }

    @Test
    void scorePanelsMatchesDoublePrecisionForEveryTileShape() {
        SplittableRandom random = new SplittableRandom(11);
        for (int dimension : new int[] {1, 13, 207, 768}) {
            for (int queryCount = 1; queryCount <= 13; queryCount += 3) {
                for (int panelCount = 1; panelCount <= 3; panelCount++) {
                    int rowCount = panelCount * VectorKernels.PANEL;
                    float[] queries = randomArray(random, 2 + queryCount * dimension);
                    float[] rows = randomArray(random, rowCount * dimension);
                    float[] panels = panels(rows, rowCount, dimension, 5);
                    float[] reference = null;
                    for (VectorKernels kernels : implementations()) {
                        float[] scores = new float[queryCount * rowCount];
                        kernels.scorePanels(queries, 2, queryCount, panels, 5, panelCount, dimension, scores);
                        for (int i = 0; i < queryCount; i++) {
                            for (int j = 0; j < rowCount; j++) {
                                double expected = 0, magnitude = 0;
                                for (int k = 0; k < dimension; k++) {
                                    double p = (double) queries[2 + i * dimension + k] * rows[j * dimension + k];
                                    expected += p;
                                    magnitude += Math.abs(p);
                                }
                                assertEquals(
                                        expected,
                                        scores[i * rowCount + j],
                                        1e-6 * magnitude + 1e-7,
                                        kernels.name() + " d=" + dimension + " " + queryCount + "x" + panelCount);
                            }
                        }
                        // Both implementations multiply-add in the same order, so they agree exactly.
                        if (reference == null) {
                            reference = scores;
                        } else {
                            assertArrayEquals(reference, scores, kernels.name() + " vs scalar, d=" + dimension);
                        }
                    }
                }
            }
        }
    }

    @Test
    void scorePanelsScoresDuplicateRowsIdenticallyWhateverTheirPosition() {
        SplittableRandom random = new SplittableRandom(13);
        int dimension = 207;
        int rowCount = 2 * VectorKernels.PANEL;
        float[] row = randomArray(random, dimension);
        float[] rows = new float[rowCount * dimension];
        for (int j = 0; j < rowCount; j++) {
            System.arraycopy(row, 0, rows, j * dimension, dimension);
        }
        float[] queries = randomArray(random, 7 * dimension);
        for (VectorKernels kernels : implementations()) {
            float[] scores = new float[7 * rowCount];
            kernels.scorePanels(queries, 0, 7, panels(rows, rowCount, dimension, 0), 0, 2, dimension, scores);
            for (int i = 0; i < 7; i++) {
                for (int j = 0; j < rowCount; j++) {
                    assertEquals(
                            scores[i * rowCount],
                            scores[i * rowCount + j],
                            kernels.name() + " query " + i + " row " + j);
                }
            }
        }
    }

    /** Row-major rows (a multiple of PANEL) in the panel layout, after {@code offset} unused floats. */
    private static float[] panels(float[] rows, int rowCount, int dimension, int offset) {
        int panel = VectorKernels.PANEL;
        float[] panels = new float[offset + rowCount * dimension];
        for (int j = 0; j < rowCount; j++) {
            for (int k = 0; k < dimension; k++) {
                panels[offset + j / panel * panel * dimension + k * panel + j % panel] = rows[j * dimension + k];
            }
        }
        return panels;
    }

    static float[] randomArray(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return values;
    }
}
