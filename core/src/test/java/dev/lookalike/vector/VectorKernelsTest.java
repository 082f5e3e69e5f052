package dev.lookalike.vector;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertTrue(VectorKernels.best().name().startsWith("panama-"), VectorKernels.best().name());
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
    void dotBlockMatchesPairwiseDotsForEveryTileShape() {
        SplittableRandom random = new SplittableRandom(11);
        for (int dimension : new int[] {1, 13, 207, 768}) {
            for (int queryCount = 1; queryCount <= 9; queryCount++) {
                for (int baseCount = 1; baseCount <= 7; baseCount++) {
                    float[] queries = randomArray(random, 2 + queryCount * dimension);
                    float[] base = randomArray(random, 3 + baseCount * dimension);
                    for (VectorKernels kernels : implementations()) {
                        float[] scores = new float[queryCount * baseCount];
                        kernels.dotBlock(queries, 2, queryCount, base, 3, baseCount, dimension, scores);
                        for (int i = 0; i < queryCount; i++) {
                            for (int j = 0; j < baseCount; j++) {
                                double expected = 0, magnitude = 0;
                                for (int k = 0; k < dimension; k++) {
                                    double p = (double) queries[2 + i * dimension + k] * base[3 + j * dimension + k];
                                    expected += p;
                                    magnitude += Math.abs(p);
                                }
                                assertEquals(expected, scores[i * baseCount + j], 1e-6 * magnitude + 1e-7,
                                        kernels.name() + " d=" + dimension + " " + queryCount + "x" + baseCount);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void dotBlockScoresDuplicateRowsIdenticallyWhateverTheirPosition() {
        SplittableRandom random = new SplittableRandom(13);
        int dimension = 207;
        float[] row = randomArray(random, dimension);
        float[] queries = randomArray(random, 5 * dimension);
        float[] base = new float[7 * dimension];
        for (int j = 0; j < 7; j++) {
            System.arraycopy(row, 0, base, j * dimension, dimension);
        }
        for (VectorKernels kernels : implementations()) {
            float[] scores = new float[5 * 7];
            kernels.dotBlock(queries, 0, 5, base, 0, 7, dimension, scores);
            for (int i = 0; i < 5; i++) {
                float[] single = new float[1];
                kernels.dotBlock(queries, i * dimension, 1, row, 0, 1, dimension, single);
                for (int j = 0; j < 7; j++) {
                    assertEquals(single[0], scores[i * 7 + j], kernels.name() + " query " + i + " row " + j);
                }
            }
        }
    }

    static float[] randomArray(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return values;
    }
}
