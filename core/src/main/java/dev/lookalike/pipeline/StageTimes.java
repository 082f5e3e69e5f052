package dev.lookalike.pipeline;

import java.util.concurrent.atomic.LongAdder;

/** Time spent in each stage, summed over threads, in nanoseconds; thread-safe. */
public final class StageTimes {

    private final LongAdder decodeNanos = new LongAdder();
    private final LongAdder preprocessNanos = new LongAdder();
    private final LongAdder inferenceNanos = new LongAdder();

    void addDecode(long nanos) {
        decodeNanos.add(nanos);
    }

    void addPreprocess(long nanos) {
        preprocessNanos.add(nanos);
    }

    void addInference(long nanos) {
        inferenceNanos.add(nanos);
    }

    /** CPU time reading, hashing and decoding image files, summed over worker threads. */
    public long decodeNanos() {
        return decodeNanos.sum();
    }

    /** CPU time resizing, cropping and normalising, summed over worker threads. */
    public long preprocessNanos() {
        return preprocessNanos.sum();
    }

    /** Wall time inside model inference (ONNX Runtime runs), all models. */
    public long inferenceNanos() {
        return inferenceNanos.sum();
    }
}
