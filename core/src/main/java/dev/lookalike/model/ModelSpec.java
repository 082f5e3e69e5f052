package dev.lookalike.model;

import dev.lookalike.embed.Pooling;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model is, before it is loaded: where its files come from and how its output becomes a
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
public record ModelSpec(String name, Optional<String> hubRepo, Optional<Path> localDir, String onnxFile,
                        String output, Pooling pooling, int dimension) {

    /** The preprocessing configuration's file name, in every model directory. */
    public static final String PREPROCESSOR_CONFIG = "preprocessor_config.json";
    /** The model configuration's file name, in every model directory. */
    public static final String CONFIG = "config.json";

    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(onnxFile, "onnxFile");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(pooling, "pooling");
        if (hubRepo.isPresent() == localDir.isPresent()) {
            throw new IllegalArgumentException("model " + name + " needs exactly one of a hub repo and a local directory");
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("model " + name + ": dimension must be positive, got " + dimension);
        }
    }

    /** A model fetched from a hub repository. */
    public static ModelSpec hub(String name, String repo, String onnxFile, String output, Pooling pooling,
                                int dimension) {
        return new ModelSpec(name, Optional.of(repo), Optional.empty(), onnxFile, output, pooling, dimension);
    }

    /** A model in a local directory in hub layout. */
    public static ModelSpec local(String name, Path dir, String onnxFile, String output, Pooling pooling,
                                  int dimension) {
        return new ModelSpec(name, Optional.empty(), Optional.of(dir), onnxFile, output, pooling, dimension);
    }

    /** The same model under another name with another pooling (for example DINOv2's CLS token). */
    public ModelSpec withPooling(String newName, Pooling newPooling) {
        return new ModelSpec(newName, hubRepo, localDir, onnxFile, output, newPooling, dimension);
    }

    /** Where the model's files come from, for messages: the hub repo or the local directory. */
    public String source() {
        return hubRepo.orElseGet(() -> localDir.orElseThrow().toString());
    }
}
