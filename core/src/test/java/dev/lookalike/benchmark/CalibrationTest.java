package dev.lookalike.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CalibrationTest {

    private static final double EPS = 1e-12;

    /** Points of a pooled list (scores non-increasing) with the given matches, over {@code positives} pairs. */
    private static PrecisionRecall curve(double[] scores, boolean[] matches, int positives) {
        double[] precisions = new double[scores.length];
        double[] recalls = new double[scores.length];
        int found = 0;
        for (int i = 0; i < scores.length; i++) {
            found += matches[i] ? 1 : 0;
            precisions[i] = (double) found / (i + 1);
            recalls[i] = (double) found / positives;
        }
        return new PrecisionRecall(precisions, recalls, scores);
    }

    @Test
    void aThresholdNeverSplitsEqualScores() {
        // Precision 1, 1, 2/3, 3/4, 3/5 over 4 pairs; the threshold 0.8 takes both 0.8s (3/4).
        PrecisionRecall curve =
                curve(new double[] {0.95, 0.9, 0.8, 0.8, 0.7}, new boolean[] {true, true, false, true, false}, 4);
        Calibration at75 = Calibration.of(curve, 0.75);
        assertEquals(0.8, at75.threshold().orElseThrow(), EPS);
        assertEquals(0.75, at75.recall(), EPS);
        assertEquals(0.75, at75.achieved(), EPS);
        Calibration at90 = Calibration.of(curve, 0.9);
        assertEquals(0.9, at90.threshold().orElseThrow(), EPS);
        assertEquals(0.5, at90.recall(), EPS);
    }

    @Test
    void aTieThatFallsBelowThePrecisionIsNotAThreshold() {
        // 0.9, 0.9: the first point alone would have precision 1, but cosine >= 0.9 takes both (1/2).
        PrecisionRecall curve = curve(new double[] {0.9, 0.9}, new boolean[] {false, true}, 1);
        assertTrue(Calibration.of(curve, 0.6).threshold().isEmpty());
        assertEquals(0, Calibration.of(curve, 0.6).recall(), EPS);
        assertEquals(0.9, Calibration.of(curve, 0.5).threshold().orElseThrow(), EPS);
    }

    @Test
    void amongEqualRecallsTheHighestScoreWins() {
        PrecisionRecall curve = curve(new double[] {0.9, 0.6, 0.5}, new boolean[] {true, true, false}, 2);
        assertEquals(0.6, Calibration.of(curve, 0.6).threshold().orElseThrow(), EPS);
        assertEquals(3, Calibration.standard(curve).size());
    }

    @Test
    void refusesATargetOutsideZeroToOne() {
        PrecisionRecall curve = curve(new double[] {0.9}, new boolean[] {true}, 1);
        assertThrows(IllegalArgumentException.class, () -> Calibration.of(curve, 0));
        assertThrows(IllegalArgumentException.class, () -> Calibration.of(curve, 1.5));
    }
}
