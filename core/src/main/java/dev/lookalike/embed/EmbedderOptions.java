package dev.lookalike.embed;

/**
 * How an {@link OnnxEmbedder} runs its model.
 *
 * @param intraOpThreads threads ONNX Runtime uses inside one operator; 0 lets it choose (one per core)
 * @param device         where to run
 */
public record EmbedderOptions(int intraOpThreads, Device device) {

    public EmbedderOptions {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be >= 0, got " + intraOpThreads);
        }
        if (device == null) {
            throw new IllegalArgumentException("device must not be null");
        }
    }

    /** ONNX Runtime's default thread count on {@link Device#AUTO}. */
    public static EmbedderOptions defaults() {
        return new EmbedderOptions(0, Device.AUTO);
    }
}
