package dev.lookalike.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.knn.FlatIndex;
import dev.lookalike.knn.Neighbors;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Against SSCD's {@code apply_score_norm} run with FAISS's IndexFlatIP ({@code tools/fixtures/make_calibration_fixtures.py}). */
class ScoreNormalizationTest {

    @Test
    void parsesSscdsNotation() {
        assertEquals(new ScoreNormalization(1.0, 0, 2), ScoreNormalization.parse("1.0[0,2]"));
        assertEquals(new ScoreNormalization(0.5, 3, 3), ScoreNormalization.parse("0.5[3]"));
        assertEquals(new ScoreNormalization(2, 1, 4), ScoreNormalization.parse(" 2 [ 1 , 4 ] "));
        assertEquals("1.0[0,2]", ScoreNormalization.DEFAULT.toString());
        assertEquals("0.75[1,4]", new ScoreNormalization(0.75, 1, 4).toString());
        assertEquals(3, ScoreNormalization.DEFAULT.neighbours());
        for (String bad : new String[] {"1.0", "1.0[2,1]", "x[0,2]", "1.0[-1,2]", "1.0[0,2", "[0,2]", "NaN[0,2]"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> ScoreNormalization.parse(bad));
            assertTrue(e.getMessage().contains("score normalisation"), e.getMessage());
        }
    }

    @Test
    void adjustmentIsMinusWeightTimesTheMeanOfTheChosenNeighbours() {
        double[] scores = {0.9, 0.8, 0.4, 0.1, 0.0};
        assertEquals(-0.7, ScoreNormalization.DEFAULT.adjustment(scores), 1e-12);
        assertEquals(-0.5 * 0.25, new ScoreNormalization(0.5, 2, 3).adjustment(scores), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new ScoreNormalization(1, 0, 5).adjustment(scores));
    }

    @Test
    void matchesSscdOnFaissSearchesOfTheBackground() throws IOException {
        assertAdjustments(ScoreNormalization.DEFAULT, "raw_adjustments.npy");
        assertAdjustments(ScoreNormalization.parse("0.5[1,4]"), "norm_adjustments.npy");
    }

    @Test
    void matchesSscdAfterWhitening() throws IOException {
        PcaWhitening whitening =
                PcaWhitening.learn(PcaWhiteningTest.npy("background.npy").data(), 300, 24, 16);
        float[] background =
                whitening.apply(PcaWhiteningTest.npy("background.npy").data(), 300);
        float[] queries = whitening.apply(PcaWhiteningTest.npy("queries.npy").data(), 12);
        check(ScoreNormalization.DEFAULT, background, queries, 16, "whiten16_adjustments.npy", 1e-4);
    }

    private static void assertAdjustments(ScoreNormalization norm, String fixture) throws IOException {
        check(
                norm,
                PcaWhiteningTest.npy("background.npy").data(),
                PcaWhiteningTest.npy("queries.npy").data(),
                24,
                fixture,
                1e-6);
    }

    private static void check(
            ScoreNormalization norm, float[] background, float[] queries, int d, String fixture, double tolerance)
            throws IOException {
        FlatIndex index = new FlatIndex(d);
        index.add(background, background.length / d);
        float[][] rows = new float[queries.length / d][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = java.util.Arrays.copyOfRange(queries, i * d, (i + 1) * d);
        }
        Neighbors neighbors = index.search(rows, norm.neighbours());
        float[] expected = PcaWhiteningTest.npy(fixture).data();
        for (int q = 0; q < rows.length; q++) {
            double[] scores =
                    neighbors.hits(q).stream().mapToDouble(h -> h.cosine()).toArray();
            assertEquals(expected[q], norm.adjustment(scores), tolerance, fixture + " query " + q);
        }
    }
}
