package dev.lookalike.parquet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lookalike.model.ModelIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an embedding dataset holds, in its {@code _lookalike.json}: the folder its paths are relative to and the
 * identity of each model whose vectors it has (so an import can refuse vectors of another model).
 *
 * <pre>{@code
 * {"format": "lookalike-embeddings", "version": 1, "root": "/data/photos",
 *  "models": [{"name": "clip", "onnx_sha256": "...", "output": "image_embeds", "pooling": "none", "dimension": 512}]}
 * }</pre>
 *
 * @param root   the folder the rows' paths are relative to: an absolute local path, or a URI on another file system
 * @param models the models, in column order; names unique
 */
public record DatasetManifest(String root, List<ModelIdentity> models) {

    /** The format's name in the file. */
    public static final String FORMAT = "lookalike-embeddings";
    /** The format version this code writes and reads. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    public DatasetManifest {
        Objects.requireNonNull(root, "root");
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("an embedding dataset needs at least one model");
        }
        var names = new HashSet<String>();
        for (ModelIdentity model : models) {
            EmbeddingColumns.requireModelColumn(model.name());
            if (!names.add(model.name())) {
                throw new IllegalArgumentException("model " + model.name() + " is listed twice");
            }
        }
    }

    /** The model with this name, if the dataset has it. */
    public Optional<ModelIdentity> model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The manifest as UTF-8 JSON. */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("root", this.root);
        ArrayNode list = root.putArray("models");
        for (ModelIdentity model : models) {
            list.add(JSON.valueToTree(model.toJson()));
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(root)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /**
     * Parses a manifest.
     *
     * @param source names the file in error messages
     * @throws IOException naming {@code source} when the JSON is not a manifest this version reads
     */
    public static DatasetManifest parse(byte[] json, String source) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IOException(source + ": not valid JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(source + ": not a lookalike embeddings manifest (no \"format\": \"" + FORMAT + "\")");
        }
        if (root.path("version").asInt() != VERSION) {
            throw new IOException(
                    source + ": manifest version " + root.path("version") + ", this lookalike reads " + VERSION);
        }
        try {
            List<ModelIdentity> models = new ArrayList<>();
            for (JsonNode m : root.path("models")) {
                models.add(new ModelIdentity(
                        m.path("name").asText(),
                        m.path(ModelIdentity.SHA256_FIELD).asText(),
                        m.path("output").asText(),
                        m.path("pooling").asText(),
                        m.path("dimension").asInt()));
            }
            return new DatasetManifest(text(root, "root", source), models);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field, String source) throws IOException {
        if (!node.path(field).isTextual()) {
            throw new IOException(source + ": manifest has no \"" + field + "\"");
        }
        return node.get(field).asText();
    }
}
