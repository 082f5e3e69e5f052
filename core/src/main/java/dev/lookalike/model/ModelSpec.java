package dev.lookalike.model;

import dev.lookalike.embed.Pooling;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a model is, before it is loaded: either an ONNX network whose files come from the hub or a
 * local directory ({@link OnnxModelSpec}), or an algorithm computed by lookalike itself, with
 * nothing to download ({@link ComputedModelSpec}). Either way it turns an image into a vector of
 * {@link #dimension()} floats.
 */
public sealed interface ModelSpec permits OnnxModelSpec, ComputedModelSpec {

    /** The preprocessing configuration's file name, in every ONNX model directory. */
    String PREPROCESSOR_CONFIG = "preprocessor_config.json";
    /** The model configuration's file name, in every ONNX model directory. */
    String CONFIG = "config.json";

    /** The name users type ({@code clip}, {@code dinov2}, {@code phash}, or a local model's name). */
    String name();

    /** The vector's length. */
    int dimension();

    /** Where the model comes from, for messages: the hub repo, the local directory, or {@code computed}. */
    String source();

    /** An ONNX model fetched from a hub repository. */
    static OnnxModelSpec hub(String name, String repo, String onnxFile, String output, Pooling pooling, int dimension) {
        return new OnnxModelSpec(name, Optional.of(repo), Optional.empty(), onnxFile, output, pooling, dimension);
    }

    /** An ONNX model in a local directory in hub layout. */
    static OnnxModelSpec local(String name, Path dir, String onnxFile, String output, Pooling pooling, int dimension) {
        return new OnnxModelSpec(name, Optional.empty(), Optional.of(dir), onnxFile, output, pooling, dimension);
    }
}
