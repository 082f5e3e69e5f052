package dev.lookalike.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The metrics of the Image Similarity Challenge 2021's descriptor track, over all queries (those
 * with a match and distractors alike), as {@code isc/metrics.py} of facebookresearch/isc2021
 * defines them.
 *
 * <p>Every query's candidates are pooled and sorted by decreasing score; among equal scores the
 * false matches come first, so ties never help. Walking down that list gives the
 * {@linkplain PrecisionRecall precision-recall curve}, recall counting against every
 * ground-truth pair, found or not.
 *
 * @param uap            micro average precision: the sum over the curve of precision times the
 *                       step in recall, i.e. the mean, over ground-truth pairs, of the precision at
 *                       the point each is found (0 for pairs never predicted)
 * @param recallAtP90    the highest recall at a point whose precision is at least 0.9; 0 when no
 *                       point reaches it (ISC2021 reports "does not reach P90")
 * @param thresholdAtP90 the score of that point, when there is one
 * @param recallAtRank1  the share of ground-truth pairs whose reference scores strictly above
 *                       every other candidate of its query (a tie with another candidate counts
 *                       against it)
 * @param recallAtRank10 the share of ground-truth pairs whose reference has fewer than ten other
 *                       candidates of its query scoring at least as high
 * @param positives      the number of ground-truth pairs
 * @param curve          the precision-recall curve
 */
public record IscMetrics(
        double uap,
        double recallAtP90,
        OptionalDouble thresholdAtP90,
        double recallAtRank1,
        double recallAtRank10,
        int positives,
        PrecisionRecall curve) {

    private static final double P90 = 0.9;

    /** Scores {@code predictions} against {@code truth}; queries outside {@code truth} are ignored. */
    public static IscMetrics of(GroundTruth truth, Predictions predictions) {
        int positives = truth.pairCount();
        PrecisionRecall curve = curve(truth, predictions, positives);
        double uap = averagePrecision(curve);
        int best = operatingPoint(curve);
        int[] ranks = ranksOfTruth(truth, predictions);
        return new IscMetrics(
                uap,
                best < 0 ? 0 : curve.recalls()[best],
                best < 0 ? OptionalDouble.empty() : OptionalDouble.of(curve.thresholds()[best]),
                share(ranks, 1, positives),
                share(ranks, 10, positives),
                positives,
                curve);
    }

    /** The thresholds reaching {@link Calibration#TARGETS}' precisions on this curve, in that order. */
    public List<Calibration> calibrations() {
        return Calibration.standard(curve);
    }

    private record Scored(double score, boolean match) {}

    private static PrecisionRecall curve(GroundTruth truth, Predictions predictions, int positives) {
        List<Scored> pooled = new ArrayList<>();
        for (String query : truth.queries()) {
            for (Candidate candidate : predictions.of(query)) {
                pooled.add(new Scored(candidate.score(), truth.isMatch(query, candidate.referenceId())));
            }
        }
        // Decreasing score; at equal scores false matches first (the worst order for the model).
        pooled.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::match));
        int n = pooled.size();
        double[] precisions = new double[n];
        double[] recalls = new double[n];
        double[] thresholds = new double[n];
        int truePositives = 0;
        for (int i = 0; i < n; i++) {
            Scored s = pooled.get(i);
            truePositives += s.match ? 1 : 0;
            precisions[i] = (double) truePositives / (i + 1);
            recalls[i] = positives == 0 ? 0 : (double) truePositives / positives;
            thresholds[i] = s.score;
        }
        return new PrecisionRecall(precisions, recalls, thresholds);
    }

    private static double averagePrecision(PrecisionRecall curve) {
        double sum = 0;
        double previousRecall = 0;
        for (int i = 0; i < curve.size(); i++) {
            sum += (curve.recalls()[i] - previousRecall) * curve.precisions()[i];
            previousRecall = curve.recalls()[i];
        }
        return sum;
    }

    /** The point with the highest recall among those with precision at least 0.9 (the first such), or -1. */
    private static int operatingPoint(PrecisionRecall curve) {
        int best = -1;
        for (int i = 0; i < curve.size(); i++) {
            if (curve.precisions()[i] >= P90 && (best < 0 || curve.recalls()[i] > curve.recalls()[best])) {
                best = i;
            }
        }
        return best;
    }

    /**
     * For each ground-truth pair, how many of its query's candidates other than the reference score
     * at least as high as it; {@link Integer#MAX_VALUE} when the reference is not a candidate.
     */
    private static int[] ranksOfTruth(GroundTruth truth, Predictions predictions) {
        int[] ranks = new int[truth.pairCount()];
        int next = 0;
        for (String query : truth.queries()) {
            Optional<String> reference = truth.reference(query);
            if (reference.isEmpty()) {
                continue;
            }
            List<Candidate> candidates = predictions.of(query);
            int position = predictions.positionOf(query, reference.get());
            if (position < 0) {
                ranks[next++] = Integer.MAX_VALUE;
                continue;
            }
            double score = candidates.get(position).score();
            ranks[next++] =
                    (int) candidates.stream().filter(c -> c.score() >= score).count() - 1;
        }
        return ranks;
    }

    private static double share(int[] ranks, int below, int positives) {
        if (positives == 0) {
            return 0;
        }
        long hits = Arrays.stream(ranks).filter(rank -> rank < below).count();
        return (double) hits / positives;
    }
}
