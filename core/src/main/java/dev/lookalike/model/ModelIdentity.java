package dev.lookalike.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What makes two models' vectors comparable: vectors from models with different identities are never mixed.
 *
 * @param name       the model's name in the index ({@code clip}, {@code dinov2}, ...)
 * @param onnxSha256 the SHA-256 of the ONNX file, lower-case hex; for a {@linkplain ComputedModelSpec computed
 *                   model}, of its algorithm's versioned definition
 * @param output     the ONNX output the vector is taken from
 * @param pooling    how tokens are pooled into one vector ({@code none}, {@code mean}, {@code cls})
 * @param dimension  the vector length, at least 1
 */
public record ModelIdentity(String name, String onnxSha256, String output, String pooling, int dimension) {

    public ModelIdentity {
        requireText(name, "name");
        requireText(onnxSha256, "onnxSha256");
        requireText(output, "output");
        requireText(pooling, "pooling");
        if (dimension < 1) {
            throw new IllegalArgumentException("model " + name + ": dimension must be at least 1, got " + dimension);
        }
    }

    /**
     * The identity of the model {@code spec} whose files are in {@code modelDirectory}; hashes
     * the ONNX file (a fraction of a second for 350 MB).
     */
    public static ModelIdentity of(OnnxModelSpec spec, Path modelDirectory) throws IOException {
        return new ModelIdentity(spec.name(), Sha256.of(modelDirectory.resolve(spec.onnxFile())), spec.output(),
                spec.pooling().name().toLowerCase(Locale.ROOT), spec.dimension());
    }

    /** The identity of a computed model: its algorithm's definition hashed in place of a model file. */
    public static ModelIdentity of(ComputedModelSpec spec) {
        ComputedModelSpec.Algorithm algorithm = spec.algorithm();
        return new ModelIdentity(spec.name(), Sha256.of(algorithm.definition().getBytes(StandardCharsets.UTF_8)),
                algorithm.output(), "none", algorithm.dimension());
    }

    /**
     * The identity as a JSON row, the one every document uses: {@code name, dimension, output, pooling,
     * onnx_sha256}. Put a row's own fields (such as a vector count) after {@code name} first to keep them there.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("dimension", dimension);
        row.put("output", output);
        row.put("pooling", pooling);
        row.put("onnx_sha256", onnxSha256);
        return row;
    }

    private static void requireText(String value, String field) {
        if (Objects.requireNonNull(value, field).isBlank()) {
            throw new IllegalArgumentException("model " + field + " must not be blank");
        }
    }
}
