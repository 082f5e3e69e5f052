package dev.lookalike.dedup.evaluate;

/**
 * Pair precision, recall and F1 at one threshold: the predicted pairs are those whose cosine is at
 * least the threshold, among the set's indexed images.
 *
 * @param threshold the least cosine
 * @param predicted pairs predicted
 * @param correct   of those, pairs in one group
 * @param truePairs pairs in one group, found or not
 */
public record ThresholdScore(float threshold, long predicted, long correct, long truePairs) {

    /** Correct over predicted; 1 when nothing is predicted (no false match made). */
    public double precision() {
        return predicted == 0 ? 1 : (double) correct / predicted;
    }

    /** Correct over true pairs; 1 when there are none. */
    public double recall() {
        return truePairs == 0 ? 1 : (double) correct / truePairs;
    }

    /** The harmonic mean of precision and recall; 0 when both are 0. */
    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
