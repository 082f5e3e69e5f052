package dev.lookalike.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookalike.embed.Pooling;
import dev.lookalike.model.ModelCatalog;
import dev.lookalike.model.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which models a command uses: built-in names, or a local model directory in hub layout.
 * {@code --model-dir} replaces the named models with the local one.
 */
final class ModelOptions {

    @Option(names = "--model-dir", paramLabel = "DIR",
            description = "Use a local model directory in hub layout (preprocessor_config.json, config.json, onnx/).")
    Path modelDir;

    @Option(names = "--onnx-file", paramLabel = "PATH", defaultValue = "onnx/model.onnx",
            description = "With --model-dir: the ONNX file inside it (default: ${DEFAULT-VALUE}).")
    String onnxFile;

    @Option(names = "--output", paramLabel = "NAME",
            description = "With --model-dir: the ONNX output holding the features (default: image_embeds if the model has a projection, else last_hidden_state).")
    String output;

    @Option(names = "--pooling", paramLabel = "none|mean|cls",
            description = "With --model-dir: how the output becomes one vector (default: none for image_embeds, else mean).")
    Pooling pooling;

    @Option(names = "--dimension", paramLabel = "D",
            description = "With --model-dir: the vector length (default: read from config.json).")
    Integer dimension;

    @Option(names = "--model-name", paramLabel = "NAME",
            description = "With --model-dir: the name shown in results (default: the directory's name).")
    String modelName;

    /** The models named in {@code names} (from {@code catalog}), or the local model when {@code --model-dir} is given. */
    List<ModelSpec> resolve(List<String> names, ModelCatalog catalog) throws IOException {
        if (modelDir != null) {
            return List.of(localModel());
        }
        List<ModelSpec> specs = new ArrayList<>();
        for (String name : names) {
            ModelSpec spec = catalog.get(name.trim());
            if (!specs.contains(spec)) {
                specs.add(spec);
            }
        }
        return specs;
    }

    private ModelSpec localModel() throws IOException {
        if (!Files.isDirectory(modelDir)) {
            throw new IllegalArgumentException("--model-dir " + modelDir + ": not a directory");
        }
        JsonNode config = readConfig(modelDir.resolve(ModelSpec.CONFIG));
        String out = output != null ? output : config.path("projection_dim").isInt() ? "image_embeds" : "last_hidden_state";
        Pooling pool = pooling != null ? pooling : out.equals("image_embeds") ? Pooling.NONE : Pooling.MEAN;
        int dim = dimension != null ? dimension : dimensionFrom(config, out);
        String name = modelName != null ? modelName : modelDir.toAbsolutePath().normalize().getFileName().toString();
        return ModelSpec.local(name, modelDir, onnxFile, out, pool, dim);
    }

    private static JsonNode readConfig(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new ObjectMapper().createObjectNode();
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    /** The vector length as Hugging Face configs state it: the projection for embeds, else the hidden size. */
    private int dimensionFrom(JsonNode config, String out) {
        JsonNode value = out.equals("image_embeds") ? config.path("projection_dim")
                : config.path("hidden_size").isInt() ? config.path("hidden_size")
                : config.path("vision_config").path("hidden_size");
        if (!value.isInt()) {
            throw new UsageException("--model-dir " + modelDir
                    + ": config.json does not state the vector length; give --dimension");
        }
        return value.intValue();
    }
}
