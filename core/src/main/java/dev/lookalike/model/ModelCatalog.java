package dev.lookalike.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookalike.embed.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The models known by name: the {@linkplain BuiltinModels built-ins} plus those a user declares in
 * {@code <home>/models.json}, for instance another CLIP size or a mirror's repository:
 *
 * <pre>{@code
 * {"models": [
 *   {"name": "clip-large", "repo": "Xenova/clip-vit-large-patch14", "onnx_file": "onnx/vision_model.onnx",
 *    "output": "image_embeds", "pooling": "none", "dimension": 768},
 *   {"name": "my-model", "dir": "/models/mine", "onnx_file": "onnx/model.onnx",
 *    "output": "last_hidden_state", "pooling": "cls", "dimension": 384}
 * ]}
 * }</pre>
 *
 * A declared model may not reuse a built-in name.
 */
public final class ModelCatalog {

    /** The file, in lookalike's home directory, where users declare models. */
    public static final String FILE = "models.json";

    private final Map<String, ModelSpec> byName = new LinkedHashMap<>();

    private ModelCatalog(List<ModelSpec> models) {
        models.forEach(model -> byName.put(model.name(), model));
    }

    /** The built-in models only. */
    public static ModelCatalog builtins() {
        return new ModelCatalog(BuiltinModels.all());
    }

    /** The built-ins plus the models declared in {@code <home>/models.json}, if that file exists. */
    public static ModelCatalog load(Path home) throws IOException {
        ModelCatalog catalog = builtins();
        Path file = home.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return catalog;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(
                    file + ": not valid JSON ("
                            + e.getMessage().lines().findFirst().orElse("") + ")",
                    e);
        }
        for (JsonNode entry : root.path("models")) {
            ModelSpec spec = parse(entry, file);
            if (catalog.byName.containsKey(spec.name())) {
                throw new IllegalArgumentException(file + ": model " + spec.name() + " is already defined");
            }
            catalog.byName.put(spec.name(), spec);
        }
        return catalog;
    }

    private static ModelSpec parse(JsonNode entry, Path file) {
        String name = text(entry, "name", file);
        String onnxFile = text(entry, "onnx_file", file);
        String output = text(entry, "output", file);
        Pooling pooling;
        try {
            pooling = Pooling.valueOf(text(entry, "pooling", file).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": model " + name + ": pooling must be one of "
                    + Arrays.stream(Pooling.values())
                            .map(p -> p.name().toLowerCase(Locale.ROOT))
                            .toList());
        }
        if (!entry.path("dimension").canConvertToInt()
                || entry.path("dimension").intValue() < 1) {
            throw new IllegalArgumentException(file + ": model " + name + " needs a positive \"dimension\"");
        }
        int dimension = entry.path("dimension").intValue();
        if (entry.hasNonNull("repo") == entry.hasNonNull("dir")) {
            throw new IllegalArgumentException(file + ": model " + name + " needs exactly one of \"repo\" and \"dir\"");
        }
        return entry.hasNonNull("repo")
                ? ModelSpec.hub(name, entry.get("repo").asText(), onnxFile, output, pooling, dimension)
                : ModelSpec.local(name, Path.of(entry.get("dir").asText()), onnxFile, output, pooling, dimension);
    }

    private static String text(JsonNode entry, String field, Path file) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(file + ": a model needs a \"" + field + "\" (got " + entry + ")");
        }
        return value.asText();
    }

    /**
     * This catalog with {@code spec} added, such as a model directory given on the command line; it
     * replaces a model of the same name. This catalog is unchanged.
     */
    public ModelCatalog with(ModelSpec spec) {
        ModelCatalog copy = new ModelCatalog(all());
        copy.byName.put(spec.name(), spec);
        return copy;
    }

    /** Every model, built-ins first. */
    public List<ModelSpec> all() {
        return List.copyOf(byName.values());
    }

    /** The model with this name, if there is one. */
    public Optional<ModelSpec> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The model with this name.
     *
     * @throws UnknownModelException when there is none; its message lists the known names
     */
    public ModelSpec get(String name) {
        return find(name).orElseThrow(() -> new UnknownModelException(name, byName.keySet()));
    }
}
