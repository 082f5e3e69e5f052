package dev.lookalike.model;

import dev.lookalike.embed.Pooling;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An ONNX model, before it is loaded: where its files come from and how its output becomes a
 * vector.
 *
 * <p>A model lives in a directory in Hugging Face hub layout: {@code preprocessor_config.json},
 * {@code config.json} and the ONNX file at {@link #onnxFile()}. The directory is either a hub
 * repository fetched into the cache ({@link #hubRepo()}) or a local directory ({@link #localDir()}).
 *
 * @param name      the name users type ({@code clip}, {@code dinov2}, or a local model's name)
 * @param hubRepo   the hub repository ({@code owner/name}), empty for a local model
 * @param localDir  the local model directory, empty for a hub model
 * @param onnxFile  the ONNX file's path inside the model directory, with {@code /} separators
 * @param output    the name of the ONNX output that holds the features
 * @param pooling   how the output becomes one vector per image
 * @param dimension the vector's length
 */
public record OnnxModelSpec(
        String name,
        Optional<String> hubRepo,
        Optional<Path> localDir,
        String onnxFile,
        String output,
        Pooling pooling,
        int dimension)
        implements ModelSpec {

    public OnnxModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(onnxFile, "onnxFile");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(pooling, "pooling");
        if (hubRepo.isPresent() == localDir.isPresent()) {
            throw new IllegalArgumentException(
                    "model " + name + " needs exactly one of a hub repo and a local directory");
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("model " + name + ": dimension must be positive, got " + dimension);
        }
    }

    /** The same model under another name with another pooling (for example DINOv2's CLS token). */
    public OnnxModelSpec withPooling(String newName, Pooling newPooling) {
        return new OnnxModelSpec(newName, hubRepo, localDir, onnxFile, output, newPooling, dimension);
    }

    /** Where the model's files come from, for messages: the hub repo or the local directory. */
    @Override
    public String source() {
        return hubRepo.orElseGet(() -> localDir.orElseThrow().toString());
    }
}
