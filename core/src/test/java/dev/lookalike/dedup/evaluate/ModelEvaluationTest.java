package dev.lookalike.dedup.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.dataset.DuplicateVariant;
import dev.lookalike.dataset.GroupsCsv;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pair precision, recall and F1 by hand on a small set. */
class ModelEvaluationTest {

    private static final double EPS = 1e-12;

    /** Groups {a, b, c}, {d, e}, {f}; g is in the set but not in the index. 3 + 1 true pairs. */
    private static KnownGroups truth() {
        List<GroupsCsv.Row> rows = List.of(
                row("a", "G0"),
                row("b", "G0"),
                row("c", "G0"),
                row("d", "G1"),
                row("e", "G1"),
                row("f", "G2"),
                row("g", "G3"));
        return KnownGroups.of(rows, List.of("a", "b", "c", "d", "e", "f", "x"));
    }

    private static GroupsCsv.Row row(String path, String group) {
        return new GroupsCsv.Row(path, group, DuplicateVariant.ORIGINAL, "", path, "");
    }

    /** a-b 1.0, a-c 0.9, d-e 0.7, b-f 0.8 (false), a-x 0.99 (x is outside the set: ignored). b-c never paired. */
    private static List<ScoredPair> pairs() {
        return List.of(
                new ScoredPair("a", "b", 1.0),
                new ScoredPair("a", "c", 0.9),
                new ScoredPair("d", "e", 0.7),
                new ScoredPair("b", "f", 0.8),
                new ScoredPair("a", "x", 0.99));
    }

    @Test
    void countsPairsAtEachThreshold() {
        KnownGroups truth = truth();
        assertEquals(4, truth.truePairs());
        assertEquals(1, truth.missing());
        assertEquals(6, truth.images());
        ModelEvaluation e = ModelEvaluation.of("m", truth, pairs(), List.of(0.6f, 0.75f, 0.85f, 0.95f));
        // 0.6: a-b, a-c, d-e, b-f -> 3 of 4 correct, recall 3/4
        ThresholdScore low = e.sweep().get(0);
        assertEquals(4, low.predicted());
        assertEquals(3, low.correct());
        assertEquals(0.75, low.precision(), EPS);
        assertEquals(0.75, low.recall(), EPS);
        // 0.85: a-b, a-c -> precision 1, recall 1/2, F1 2/3
        ThresholdScore high = e.sweep().get(2);
        assertEquals(1, high.precision(), EPS);
        assertEquals(0.5, high.recall(), EPS);
        assertEquals(2.0 / 3, high.f1(), EPS);
        // 0.6 and 0.75 both give F1 0.75 (0.75: a-b, a-c, b-f -> 2/3 precision, 1/2 recall: 4/7)
        assertEquals(4.0 / 7, e.sweep().get(1).f1(), EPS);
        assertEquals(0.6f, e.best().threshold());
    }

    @Test
    void listsTheMissesAndFalseMatchesAtTheBestThreshold() {
        ModelEvaluation e = ModelEvaluation.of("m", truth(), pairs(), List.of(0.85f));
        assertEquals(List.of(new ScoredPair("d", "e", 0.7), new ScoredPair("b", "c", Double.NaN)), e.misses());
        assertEquals(List.of(), e.falseMatches());
        ModelEvaluation low = ModelEvaluation.of("m", truth(), pairs(), List.of(0.6f));
        assertEquals(List.of(new ScoredPair("b", "f", 0.8)), low.falseMatches());
    }

    @Test
    void amongEqualF1sTheHigherThresholdWins() {
        ModelEvaluation e = ModelEvaluation.of("m", truth(), pairs(), List.of(0.91f, 0.95f));
        assertEquals(0.95f, e.best().threshold());
        assertTrue(ModelEvaluation.defaultSweep().contains(1f)
                && ModelEvaluation.defaultSweep().size() == 51);
    }

    @Test
    void aSetWhoseImagesAreNotInTheIndexIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> KnownGroups.of(List.of(row("a", "G0")), List.of("b")));
        assertTrue(e.getMessage().contains("none of the 1 images"), e.getMessage());
    }
}
