package dev.lookalike.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What makes two models' vectors comparable: vectors from models with different identities are never mixed.
 * Stores and backends compare identities with {@link #firstDifference} and show them with {@link #toJson}.
 *
 * @param name             the model's name in the index ({@code clip}, {@code dinov2}, ...)
 * @param definitionSha256 the SHA-256, lower-case hex, of what computes the vectors: the ONNX file; for a
 *                         {@linkplain ComputedModelSpec computed model}, its algorithm's versioned definition;
 *                         for a fusion, its components' identities. Stored and shown as {@code onnx_sha256}.
 * @param output           the ONNX output the vector is taken from
 * @param pooling          how tokens are pooled into one vector ({@code none}, {@code mean}, {@code cls})
 * @param dimension        the vector length, at least 1
 */
public record ModelIdentity(String name, String definitionSha256, String output, String pooling, int dimension) {

    /** The JSON and stored column name of {@link #definitionSha256}, kept from the first version. */
    public static final String SHA256_FIELD = "onnx_sha256";

    /**
     * A field in which two identities differ.
     *
     * @param field  the accessor's name: {@code definitionSha256}, {@code output}, {@code pooling} or {@code dimension}
     * @param mine   this identity's value
     * @param theirs the other identity's value
     */
    public record Difference(String field, Object mine, Object theirs) {}

    public ModelIdentity {
        requireText(name, "name");
        requireText(definitionSha256, "definitionSha256");
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
        return new ModelIdentity(
                spec.name(),
                Sha256.of(modelDirectory.resolve(spec.onnxFile())),
                spec.output(),
                spec.pooling().name().toLowerCase(Locale.ROOT),
                spec.dimension());
    }

    /** The identity of a computed model: its algorithm's definition hashed in place of a model file. */
    public static ModelIdentity of(ComputedModelSpec spec) {
        ComputedModelSpec.Algorithm algorithm = spec.algorithm();
        return new ModelIdentity(
                spec.name(),
                Sha256.of(algorithm.definition().getBytes(StandardCharsets.UTF_8)),
                algorithm.output(),
                "none",
                algorithm.dimension());
    }

    /**
     * The first field, in the order hash, output, pooling, dimension, in which {@code other} differs from
     * this identity; the names are not compared. Empty when the vectors are comparable.
     */
    public Optional<Difference> firstDifference(ModelIdentity other) {
        if (!definitionSha256.equals(other.definitionSha256)) {
            return Optional.of(new Difference("definitionSha256", definitionSha256, other.definitionSha256));
        } else if (!output.equals(other.output)) {
            return Optional.of(new Difference("output", output, other.output));
        } else if (!pooling.equals(other.pooling)) {
            return Optional.of(new Difference("pooling", pooling, other.pooling));
        } else if (dimension != other.dimension) {
            return Optional.of(new Difference("dimension", dimension, other.dimension));
        }
        return Optional.empty();
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
        row.put(SHA256_FIELD, definitionSha256);
        return row;
    }

    private static void requireText(String value, String field) {
        if (Objects.requireNonNull(value, field).isBlank()) {
            throw new IllegalArgumentException("model " + field + " must not be blank");
        }
    }
}
