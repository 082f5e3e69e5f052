package dev.lookalike.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Cosine thresholds calibrated on a benchmark: for a target precision P, the score T such that
 * taking every pooled prediction scoring at least T reaches precision P with the highest recall.
 *
 * <p>Unlike the curve's points, a threshold can't split a run of equal scores: {@code cosine >= T}
 * takes all of them. So only the last point of each run of equal scores is a candidate, which
 * makes {@link #threshold} differ from {@link IscMetrics#thresholdAtP90()} when ties straddle the
 * operating point. Among candidates of equal recall the highest score wins (fewer false matches
 * outside the set at no cost in recall). The predictions are each query's top k, so the precision
 * holds for the pairs a top-k search finds; a self-join sees more pairs below the threshold, never
 * above it.
 *
 * @param precision the target precision, in (0, 1]
 * @param threshold the calibrated score, or empty when no threshold reaches the target
 * @param recall    the recall at that threshold (0 when there is none)
 * @param achieved  the precision actually reached there (at least the target; 0 when there is none)
 */
public record Calibration(double precision, OptionalDouble threshold, double recall, double achieved) {

    /** The precisions {@code bench} calibrates for. */
    public static final List<Double> TARGETS = List.of(0.90, 0.95, 0.99);

    public Calibration {
        if (!(precision > 0 && precision <= 1)) {
            throw new IllegalArgumentException("target precision must be in (0, 1]: " + precision);
        }
    }

    /** The threshold reaching {@code precision} on {@code curve}. */
    public static Calibration of(PrecisionRecall curve, double precision) {
        double[] scores = curve.thresholds();
        int best = -1;
        for (int i = 0; i < curve.size(); i++) {
            boolean endOfTies = i + 1 == curve.size() || scores[i + 1] < scores[i];
            if (endOfTies
                    && curve.precisions()[i] >= precision
                    && (best < 0 || curve.recalls()[i] > curve.recalls()[best])) {
                best = i;
            }
        }
        return best < 0
                ? new Calibration(precision, OptionalDouble.empty(), 0, 0)
                : new Calibration(
                        precision, OptionalDouble.of(scores[best]), curve.recalls()[best], curve.precisions()[best]);
    }

    /** One calibration per {@link #TARGETS} precision, in that order. */
    public static List<Calibration> standard(PrecisionRecall curve) {
        List<Calibration> out = new ArrayList<>();
        for (double target : TARGETS) {
            out.add(of(curve, target));
        }
        return out;
    }
}
