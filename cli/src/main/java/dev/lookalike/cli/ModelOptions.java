package dev.lookalike.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookalike.embed.Pooling;
import dev.lookalike.model.ModelCatalog;
import dev.lookalike.model.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Which models a command uses: names of the model catalog, and a local model directory in hub layout.
 * {@code --model-dir} adds the directory's model to the catalog (under {@code --model-name}, by default
 * the directory's name, replacing a model of that name); it is then the model used, unless {@code --models}
 * names others explicitly (it may name the local model, alone or in fusions).
 */
final class ModelOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(
            names = "--model-dir",
            paramLabel = "DIR",
            description = "Use a local model directory in hub layout (preprocessor_config.json, config.json, onnx/).")
    Path modelDir;

    @Option(
            names = "--onnx-file",
            paramLabel = "PATH",
            defaultValue = "onnx/model.onnx",
            description = "With --model-dir: the ONNX file inside it (default: ${DEFAULT-VALUE}).")
    String onnxFile;

    @Option(
            names = "--output",
            paramLabel = "NAME",
            description =
                    "With --model-dir: the ONNX output holding the features (default: image_embeds if the model has a projection, else last_hidden_state).")
    String output;

    @Option(
            names = "--pooling",
            paramLabel = "none|mean|cls",
            description =
                    "With --model-dir: how the output becomes one vector (default: none for image_embeds, else mean).")
    Pooling pooling;

    @Option(
            names = "--dimension",
            paramLabel = "D",
            description = "With --model-dir: the vector length (default: read from config.json).")
    Integer dimension;

    @Option(
            names = "--model-name",
            paramLabel = "NAME",
            description = "With --model-dir: the name shown in results (default: the directory's name).")
    String modelName;

    private ModelSpec local;

    /** {@code base} with the {@code --model-dir} model added, when one is given. */
    ModelCatalog catalog(ModelCatalog base) throws IOException {
        return modelDir == null ? base : base.with(localModel());
    }

    /**
     * The names a command with {@code --models} uses: with {@code --model-dir} and no explicit {@code --models},
     * the local model's alone; otherwise {@code given} (null when not given and without a default).
     */
    List<String> names(List<String> given) throws IOException {
        boolean explicit = command.commandLine().getParseResult().hasMatchedOption("--models");
        return modelDir != null && !explicit ? List.of(localModel().name()) : given;
    }

    /** The model of a single-model command ({@code --model M}): the local one with {@code --model-dir}. */
    ModelSpec spec(String model, ModelCatalog base) throws IOException {
        return modelDir != null ? localModel() : base.get(model.strip());
    }

    private ModelSpec localModel() throws IOException {
        if (local == null) {
            local = readLocalModel();
        }
        return local;
    }

    private ModelSpec readLocalModel() throws IOException {
        if (!Files.isDirectory(modelDir)) {
            throw new IllegalArgumentException("--model-dir " + modelDir + ": not a directory");
        }
        JsonNode config = readConfig(modelDir.resolve(ModelSpec.CONFIG));
        String out =
                output != null ? output : config.path("projection_dim").isInt() ? "image_embeds" : "last_hidden_state";
        Pooling pool = pooling != null ? pooling : out.equals("image_embeds") ? Pooling.NONE : Pooling.MEAN;
        int dim = dimension != null ? dimension : dimensionFrom(config, out);
        String name = modelName != null
                ? modelName
                : modelDir.toAbsolutePath().normalize().getFileName().toString();
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
        JsonNode value = out.equals("image_embeds")
                ? config.path("projection_dim")
                : config.path("hidden_size").isInt()
                        ? config.path("hidden_size")
                        : config.path("vision_config").path("hidden_size");
        if (!value.isInt()) {
            throw new UsageException(
                    "--model-dir " + modelDir + ": config.json does not state the vector length; give --dimension");
        }
        return value.intValue();
    }
}
