package dev.lookalike.dedup;

/**
 * What {@link DuplicateFinder#find} looks for.
 *
 * @param model     a model of the index, or a mean fusion of its models such as {@code clip+dinov2}
 * @param threshold the least cosine of a pair, in (0, 1] (see {@link DedupThresholds})
 * @param threads   most threads the join uses, at least 1
 */
public record DedupRequest(String model, float threshold, int threads) {

    public DedupRequest {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a model is needed");
        }
        DedupThresholds.check(threshold);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        model = model.strip();
    }

    /** A request using every available processor. */
    public static DedupRequest of(String model, float threshold) {
        return new DedupRequest(model, threshold, Runtime.getRuntime().availableProcessors());
    }
}
