package dev.lookalike.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Against FAISS 1.7.3's {@code PCAMatrix} (eigen_power -0.5, then L2 normalisation) and NumPy on
 * seeded vectors ({@code tools/fixtures/make_calibration_fixtures.py}). Axis signs are arbitrary, so
 * the whitened vectors are compared through their inner products.
 */
class PcaWhiteningTest {

    private static final Path DIR = Path.of("src/test/resources/fixtures/calibration");

    @Test
    void eigenvaluesAreThoseOfNumpysPopulationCovariance() throws IOException {
        NpyArray background = npy("background.npy");
        PcaWhitening whitening = PcaWhitening.learn(background.data(), 300, 24, 24);
        float[] expected = npy("eigenvalues.npy").data();
        double[] actual = whitening.eigenvalues();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6 * expected[0], "eigenvalue " + i);
        }
        assertEquals(300, whitening.trainedOn());
    }

    @Test
    void fullDimensionMatchesFaiss() throws IOException {
        assertScores("whiten24_scores.npy", 24, 5e-5);
    }

    @Test
    void reducedDimensionMatchesFaissAndNumpy() throws IOException {
        assertScores("whiten16_scores.npy", 16, 5e-5);
        assertScores("whiten16_scores_numpy.npy", 16, 1e-5);
    }

    @Test
    void outputRowsHaveUnitNormAndTheAskedDimension() throws IOException {
        PcaWhitening whitening = PcaWhitening.learn(npy("background.npy").data(), 300, 24, 7);
        float[] out = whitening.apply(npy("queries.npy").data(), 12);
        assertEquals(12 * 7, out.length);
        for (int i = 0; i < 12; i++) {
            double norm = 0;
            for (int k = 0; k < 7; k++) {
                norm += out[i * 7 + k] * out[i * 7 + k];
            }
            assertEquals(1, norm, 1e-5);
        }
    }

    @Test
    void aWhitenedBackgroundHasEqualVarianceOnEveryAxis() {
        // Before the final normalisation the background's whitened covariance is the identity (up to epsilon);
        // after it, every axis still carries a similar share: no axis dominates.
        SplittableRandom random = new SplittableRandom(3);
        int n = 2000;
        int d = 13;
        float[] data = new float[n * d];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextGaussian() * (1 + (i % d) * 3) + (i % d == 0 ? 20 : 0));
        }
        PcaWhitening whitening = PcaWhitening.learn(data, n, d, d);
        float[] out = whitening.apply(data, n);
        double[] variance = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                variance[k] += out[i * d + k] * out[i * d + k] / n;
            }
        }
        for (int k = 0; k < d; k++) {
            assertEquals(1.0 / d, variance[k], 0.25 / d, "axis " + k);
        }
    }

    @Test
    void aDimensionTheBackgroundCannotSupportIsRefused() {
        float[] data = new float[10 * 8];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.sin(i * 1.7) + 1;
        }
        assertEquals(8, PcaWhitening.maxDimension(8, 10));
        assertEquals(4, PcaWhitening.maxDimension(8, 5));
        IllegalArgumentException tooFew =
                assertThrows(IllegalArgumentException.class, () -> PcaWhitening.learn(data, 5, 8, 5));
        assertTrue(tooFew.getMessage().contains("at least 6 background vectors, got 5"), tooFew.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PcaWhitening.learn(data, 10, 8, 9));
        assertThrows(IllegalArgumentException.class, () -> PcaWhitening.learn(data, 10, 8, 0));
        PcaWhitening whitening = PcaWhitening.learn(data, 10, 8, 8);
        assertThrows(IllegalArgumentException.class, () -> whitening.apply(new float[7], 1));
    }

    @Test
    void theResultDoesNotDependOnTheNumberOfRowsWhitenedAtOnce() throws IOException {
        PcaWhitening whitening = PcaWhitening.learn(npy("background.npy").data(), 300, 24, 16);
        float[] queries = npy("queries.npy").data();
        float[] all = whitening.apply(queries, 12);
        for (int i = 0; i < 12; i++) {
            float[] one = whitening.apply(java.util.Arrays.copyOfRange(queries, i * 24, (i + 1) * 24));
            for (int k = 0; k < 16; k++) {
                assertEquals(all[i * 16 + k], one[k], 0f);
            }
        }
    }

    private static void assertScores(String fixture, int dimension, double tolerance) throws IOException {
        PcaWhitening whitening = PcaWhitening.learn(npy("background.npy").data(), 300, 24, dimension);
        float[] q = whitening.apply(npy("queries.npy").data(), 12);
        float[] r = whitening.apply(npy("references.npy").data(), 40);
        float[] expected = npy(fixture).data();
        double worst = 0;
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 40; j++) {
                double dot = 0;
                for (int k = 0; k < dimension; k++) {
                    dot += q[i * dimension + k] * r[j * dimension + k];
                }
                worst = Math.max(worst, Math.abs(dot - expected[i * 40 + j]));
            }
        }
        assertTrue(worst < tolerance, fixture + ": max abs diff " + worst);
    }

    static NpyArray npy(String name) throws IOException {
        return NpyArray.read(DIR.resolve(name));
    }
}
