package dev.lookalike.embed;

/** Where ONNX Runtime runs a model. */
public enum Device {
    /** CUDA when this ONNX Runtime build has the CUDA execution provider and it starts; otherwise CPU. */
    AUTO,
    /** The CPU execution provider only. */
    CPU,
    /**
     * The CUDA execution provider; fails when it is not available. The default {@code onnxruntime}
     * artifact has none: build with {@code mvn -Pgpu} to use {@code onnxruntime_gpu} (needs CUDA 12 and cuDNN 9).
     */
    CUDA
}
