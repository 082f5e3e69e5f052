package dev.lookalike.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.store.StoredVectors;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Fusion names, the concatenation behind the mean cosine, and reciprocal-rank fusion. */
class FusionTest {

    @Test
    void namesParseIntoComponentsAndAMethod() {
        assertEquals(
                new Fusion("clip+dinov2", List.of("clip", "dinov2"), Fusion.Method.MEAN),
                ModelChoice.parse("clip+dinov2"));
        assertEquals(
                new Fusion("clip+dinov2:mean", List.of("clip", "dinov2"), Fusion.Method.MEAN),
                ModelChoice.parse(" clip+dinov2:mean "));
        assertEquals(
                new Fusion("a+b+c:rrf", List.of("a", "b", "c"), Fusion.Method.RRF), ModelChoice.parse("a+b+c:rrf"));
        assertTrue(ModelChoice.parse("a+b+c:rrf").rankScored());
        assertFalse(ModelChoice.parse("clip+dinov2").rankScored());
        assertEquals(new SingleModel("dinov2-q8"), ModelChoice.parse("dinov2-q8"));
        assertEquals(List.of("dinov2-q8"), ModelChoice.parse("dinov2-q8").models());
        assertThrows(IllegalArgumentException.class, () -> ModelChoice.parse(" "));
    }

    @Test
    void aSelectionParsesEachNameOnceAndNeedsEachModelOnce() {
        ModelSelection selection = ModelSelection.of("clip", "clip+dinov2:rrf", "clip", "phash+dinov2");
        assertEquals(List.of("clip", "clip+dinov2:rrf", "phash+dinov2"), selection.names());
        assertEquals(List.of("clip", "dinov2", "phash"), selection.plainModels());
        assertEquals(
                List.of(ModelChoice.parse("clip+dinov2:rrf"), ModelChoice.parse("phash+dinov2")), selection.fusions());
        assertThrows(IllegalArgumentException.class, () -> ModelSelection.of(List.of()));
    }

    @Test
    void malformedNamesAreRefusedWithTheName() {
        assertEquals(
                "fusion clip+: expected two or more model names joined by +",
                assertThrows(IllegalArgumentException.class, () -> ModelChoice.parse("clip+"))
                        .getMessage());
        assertEquals(
                "fusion clip+clip: a model is named twice",
                assertThrows(IllegalArgumentException.class, () -> ModelChoice.parse("clip+clip"))
                        .getMessage());
        assertEquals(
                "fusion clip+dinov2:max: unknown method 'max' (use :mean or :rrf)",
                assertThrows(IllegalArgumentException.class, () -> ModelChoice.parse("clip+dinov2:max"))
                        .getMessage());
    }

    @Test
    void theCosineOfConcatenationsIsTheMeanOfTheCosines() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            float[] a1 = random(random, 13);
            float[] b1 = random(random, 13);
            float[] a2 = random(random, 207);
            float[] b2 = random(random, 207);
            double mean = (cosine(a1, b1) + cosine(a2, b2)) / 2;
            assertEquals(
                    mean,
                    cosine(FusedVectors.concatenate(List.of(a1, a2)), FusedVectors.concatenate(List.of(b1, b2))),
                    1e-6);
        }
    }

    @Test
    void joinKeepsThePathsEveryComponentHasInTheFirstOrder() {
        ModelIdentity a = new ModelIdentity("a", "aa", "out", "none", 2);
        ModelIdentity b = new ModelIdentity("b", "bb", "out", "mean", 1);
        StoredVectors va = new StoredVectors(a, List.of("x", "y", "z"), new float[] {3, 4, 1, 0, 0, 2});
        StoredVectors vb = new StoredVectors(b, List.of("z", "x"), new float[] {-5, 2});
        StoredVectors joined = FusedVectors.join(Fusion.parse("a+b"), List.of(va, vb));
        assertEquals(List.of("x", "z"), joined.paths());
        assertEquals(3, joined.dimension());
        assertEquals("a+b", joined.model().name());
        float[] expected = {0.6f, 0.8f, 1, 0, 1, -1};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], joined.data()[i], 1e-7);
        }
    }

    @Test
    void reciprocalRankFusionAddsOneOverSixtyPlusRank() {
        List<ReciprocalRankFusion.Fused> fused =
                ReciprocalRankFusion.fuse(List.of(List.of("a", "b", "c"), List.of("c", "b", "d")), 3);
        // b: 1/62 + 1/62; a: 1/61; c: 1/63 + 1/61; d: 1/63
        assertEquals(
                List.of("c", "b", "a"),
                fused.stream().map(ReciprocalRankFusion.Fused::id).toList());
        assertEquals(1.0 / 63 + 1.0 / 61, fused.get(0).score(), 1e-15);
        assertEquals(2.0 / 62, fused.get(1).score(), 1e-15);
        assertEquals(1.0 / 61, fused.get(2).score(), 1e-15);
    }

    @Test
    void reciprocalRankFusionSkipsRejectedItemsAfterFusingAndStillReturnsK() {
        List<ReciprocalRankFusion.Fused> fused = ReciprocalRankFusion.fuse(
                List.of(List.of("a", "b", "c"), List.of("c", "b", "d")), 3, id -> !id.equals("c"));
        assertEquals(
                List.of("b", "a", "d"),
                fused.stream().map(ReciprocalRankFusion.Fused::id).toList());
        assertEquals(1.0 / 63, fused.get(2).score(), 1e-15);
    }

    @Test
    void reciprocalRankTiesGoToTheIdThatSortsFirst() {
        List<ReciprocalRankFusion.Fused> fused =
                ReciprocalRankFusion.fuse(List.of(List.of("y", "x"), List.of("x", "y")), 2);
        assertEquals(
                List.of("x", "y"),
                fused.stream().map(ReciprocalRankFusion.Fused::id).toList());
    }

    private static float[] random(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
