package dev.lookalike.benchmark;

/**
 * ISC2021's precision-recall curve: one point per pooled prediction, in decreasing score order
 * (ties pessimistically: false matches before true ones), each point the precision and recall of
 * taking every prediction up to and including it.
 *
 * @param precisions true matches so far / predictions so far
 * @param recalls    true matches so far / ground-truth pairs
 * @param thresholds the score of each prediction, non-increasing
 */
public record PrecisionRecall(double[] precisions, double[] recalls, double[] thresholds) {

    public PrecisionRecall {
        if (precisions.length != recalls.length || recalls.length != thresholds.length) {
            throw new IllegalArgumentException("curve arrays differ in length: " + precisions.length + ", "
                    + recalls.length + ", " + thresholds.length);
        }
    }

    /** The number of points. */
    public int size() {
        return precisions.length;
    }
}
