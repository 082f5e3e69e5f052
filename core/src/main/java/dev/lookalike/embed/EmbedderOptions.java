package dev.lookalike.embed;

/**
 * How an {@link OnnxEmbedder} runs its model.
 *
 * @param intraOpThreads threads ONNX Runtime uses inside one operator; 0 lets it choose (one per core)
 * @param device         where to run
 * @param tuning         the other session settings (optimisation level, inter-op threads, arena, spinning)
 */
public record EmbedderOptions(int intraOpThreads, Device device, SessionTuning tuning) {

    public EmbedderOptions {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be >= 0, got " + intraOpThreads);
        }
        if (device == null) {
            throw new IllegalArgumentException("device must not be null");
        }
        if (tuning == null) {
            throw new IllegalArgumentException("tuning must not be null");
        }
    }

    /** These threads and device with the default {@link SessionTuning}. */
    public EmbedderOptions(int intraOpThreads, Device device) {
        this(intraOpThreads, device, SessionTuning.defaults());
    }

    /** ONNX Runtime's default thread count on {@link Device#AUTO}. */
    public static EmbedderOptions defaults() {
        return new EmbedderOptions(0, Device.AUTO);
    }

    /** These options with another intra-op thread count. */
    public EmbedderOptions withIntraOpThreads(int threads) {
        return new EmbedderOptions(threads, device, tuning);
    }

    /** These options with other session settings. */
    public EmbedderOptions withTuning(SessionTuning newTuning) {
        return new EmbedderOptions(intraOpThreads, device, newTuning);
    }
}
