package dev.lookalike.pipeline;

import java.util.Locale;

/**
 * How a pipeline shared the cores between its stages, and why: the decoding threads it ran beside
 * inference, and the per-image costs it measured that decided it.
 *
 * @param decodeWorkers       decoding threads in use at the end of the run
 * @param maxWorkers          the most it could use (the cores, or what was asked)
 * @param adaptive            whether the pipeline chose the count itself
 * @param decodeMillis        CPU per image reading, decoding and preprocessing for every model (moving average)
 * @param inferenceMillis     wall time per image inside inference, every model (moving average)
 */
public record StageSplit(
        int decodeWorkers, int maxWorkers, boolean adaptive, double decodeMillis, double inferenceMillis) {

    /** Whether decoding, not inference, limits the run: the workers could not decode a batch in the time one runs. */
    public boolean decodeBound() {
        return decodeMillis / Math.max(1, decodeWorkers) > inferenceMillis;
    }

    /** One line for {@code --debug} output. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%d of %d decode worker(s)%s beside inference; per image: decode+preprocess"
                        + " %.1f ms CPU, inference %.1f ms wall: %s-bound",
                decodeWorkers,
                maxWorkers,
                adaptive ? " (chosen)" : " (fixed)",
                decodeMillis,
                inferenceMillis,
                decodeBound() ? "decode" : "model");
    }
}
