package dev.lookalike.pipeline;

/**
 * Decides how many threads decode beside inference, from what each stage cost so far.
 *
 * <p>Decoding the next batch should end when inference of the current one does: fewer workers
 * than that starve inference (decode-bound), more take cores from ONNX Runtime's threads for
 * nothing (they finish early and wait). So the count is the decoding CPU per image over the
 * inference wall time per image, rounded up, between 1 and the maximum; a decode-bound run (big
 * photos, fast models) gets every worker, a model-bound one (small photos, big models) few.
 * Costs are moving averages over batches, so one slow file does not swing the count.
 */
final class StageBalance {

    private static final double WEIGHT = 0.5;

    private final int maxWorkers;
    private final boolean adaptive;
    private int workers;
    private double decodeNanos = Double.NaN;
    private double inferenceNanos = Double.NaN;

    /**
     * @param workers decoding threads; 0 chooses between 1 and the available cores as the run goes
     */
    StageBalance(int workers) {
        this.adaptive = workers == 0;
        this.maxWorkers = adaptive ? Runtime.getRuntime().availableProcessors() : workers;
        this.workers = maxWorkers; // until a batch is measured, decode as fast as possible
    }

    int maxWorkers() {
        return maxWorkers;
    }

    int workers() {
        return workers;
    }

    /**
     * Takes one batch's costs and returns the worker count for the next batches.
     *
     * @param images         images in the batch
     * @param decodeCpu      nanoseconds of worker CPU reading, decoding and preprocessing them
     * @param inferenceWall  nanoseconds of wall time inferring them
     */
    int update(int images, long decodeCpu, long inferenceWall) {
        if (images > 0) {
            decodeNanos = average(decodeNanos, (double) decodeCpu / images);
            inferenceNanos = average(inferenceNanos, (double) inferenceWall / images);
            if (adaptive) {
                workers = chooseWorkers(decodeNanos, inferenceNanos, maxWorkers);
            }
        }
        return workers;
    }

    /** The workers that decode a batch in the time one is inferred, between 1 and {@code max}. */
    static int chooseWorkers(double decodePerImage, double inferencePerImage, int max) {
        if (!(inferencePerImage > 0)) {
            return max;
        }
        double needed = Math.ceil(decodePerImage / inferencePerImage - 1e-9);
        return (int) Math.max(1, Math.min(max, needed));
    }

    StageSplit split() {
        return new StageSplit(
                workers,
                maxWorkers,
                adaptive,
                Double.isNaN(decodeNanos) ? 0 : decodeNanos / 1e6,
                Double.isNaN(inferenceNanos) ? 0 : inferenceNanos / 1e6);
    }

    private static double average(double previous, double value) {
        return Double.isNaN(previous) ? value : WEIGHT * value + (1 - WEIGHT) * previous;
    }
}
