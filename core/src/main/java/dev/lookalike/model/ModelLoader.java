package dev.lookalike.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.embed.OnnxEmbedder;
import dev.lookalike.embed.OnnxTextEncoder;
import dev.lookalike.hub.ModelHub;
import dev.lookalike.preprocess.Preprocessor;
import dev.lookalike.preprocess.PreprocessorConfig;
import dev.lookalike.text.TextTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Turns a {@link ModelSpec} into a ready {@link ImageModel}: for an ONNX model, fetches a hub
 * model's files into the cache (or checks a local directory), reads its preprocessing and opens its
 * ONNX session; a computed model needs nothing.
 */
public final class ModelLoader {

    private final ModelHub hub;
    private final EmbedderOptions options;

    /**
     * @param hub     where hub models come from (and are cached)
     * @param options inference settings shared by every model this loader opens
     */
    public ModelLoader(ModelHub hub, EmbedderOptions options) {
        this.hub = hub;
        this.options = options;
    }

    /**
     * The model's directory on the local disk, with every file the model needs; hub models are
     * downloaded into the cache when missing.
     *
     * @throws dev.lookalike.hub.ModelUnavailableException when a hub file can't be had
     * @throws NoSuchFileException when a local model directory lacks a file
     */
    public Path fetch(OnnxModelSpec spec) throws IOException {
        if (spec.hubRepo().isPresent()) {
            String repo = spec.hubRepo().get();
            hub.fetch(repo, ModelSpec.CONFIG);
            hub.fetch(repo, spec.onnxFile());
            // Every file of a repo lands under one directory, the one holding its root files.
            return hub.fetch(repo, ModelSpec.PREPROCESSOR_CONFIG).getParent();
        }
        Path dir = spec.localDir().orElseThrow();
        for (String file : List.of(ModelSpec.PREPROCESSOR_CONFIG, spec.onnxFile())) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new NoSuchFileException(
                        dir.resolve(file).toString(), null, "model " + spec.name() + " needs this file (hub layout)");
            }
        }
        return dir;
    }

    /** The model's preprocessing alone: fetches only its {@code preprocessor_config.json}. */
    public Preprocessor preprocessor(OnnxModelSpec spec) throws IOException {
        Path config = spec.hubRepo().isPresent()
                ? hub.fetch(spec.hubRepo().get(), ModelSpec.PREPROCESSOR_CONFIG)
                : spec.localDir().orElseThrow().resolve(ModelSpec.PREPROCESSOR_CONFIG);
        return new Preprocessor(PreprocessorConfig.read(config));
    }

    /** Fetches the model if needed and loads it; the caller closes the returned model. */
    public ImageModel load(ModelSpec spec) throws IOException {
        return switch (spec) {
            case OnnxModelSpec onnx -> load(onnx);
            case ComputedModelSpec computed ->
                switch (computed.algorithm()) {
                    case PHASH -> new PerceptualHashModel(computed);
                };
        };
    }

    /** Fetches the ONNX model if needed and loads it; the caller closes the returned model. */
    public OnnxImageModel load(OnnxModelSpec spec) throws IOException {
        Path dir = fetch(spec);
        Preprocessor preprocessor =
                new Preprocessor(PreprocessorConfig.read(dir.resolve(ModelSpec.PREPROCESSOR_CONFIG)));
        OnnxEmbedder embedder = new OnnxEmbedder(
                dir.resolve(spec.onnxFile()), spec.output(), spec.pooling(), spec.dimension(), options);
        return new OnnxImageModel(spec, dir, preprocessor, embedder);
    }

    /**
     * The text tower that pairs with the model, if it has one (see {@link TextTower}): reads only its
     * {@code config.json}, fetching it for a hub model. A computed model has none.
     */
    public Optional<TextTower> textTower(ModelSpec spec) throws IOException {
        if (!(spec instanceof OnnxModelSpec onnx)) {
            return Optional.empty();
        }
        Path config = onnx.hubRepo().isPresent()
                ? hub.fetch(onnx.hubRepo().get(), ModelSpec.CONFIG)
                : onnx.localDir().orElseThrow().resolve(ModelSpec.CONFIG);
        if (!Files.isRegularFile(config)) {
            return Optional.empty();
        }
        try {
            return TextTower.of(onnx, new ObjectMapper().readTree(config.toFile()));
        } catch (IOException e) {
            throw new IOException(
                    config + ": not valid JSON ("
                            + e.getMessage().lines().findFirst().orElse("") + ")",
                    e);
        }
    }

    /**
     * Loads the model's text side: its tokenizer and text tower, fetched beside the image tower's files for a
     * hub model; the caller closes the returned model.
     *
     * @throws NoTextSideException when the model has no text tower
     */
    public TextModel loadText(ModelSpec spec) throws IOException {
        TextTower tower = textTower(spec).orElseThrow(() -> new NoTextSideException(spec.name()));
        OnnxModelSpec onnx = (OnnxModelSpec) spec;
        Path dir = fetchText(onnx, tower);
        TextTokenizer tokenizer = TextTokenizer.open(dir);
        try {
            OnnxTextEncoder encoder =
                    new OnnxTextEncoder(dir.resolve(tower.onnxFile()), tower.output(), onnx.dimension(), options);
            return new TextModel(onnx, dir, tower, tokenizer, encoder, () -> ModelIdentity.of(onnx, fetch(onnx)));
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    private Path fetchText(OnnxModelSpec spec, TextTower tower) throws IOException {
        List<String> files = List.of(tower.onnxFile(), TextTokenizer.FILE, TextTokenizer.CONFIG);
        if (spec.hubRepo().isPresent()) {
            for (String file : files) {
                hub.fetch(spec.hubRepo().get(), file);
            }
            return hub.fetch(spec.hubRepo().get(), ModelSpec.CONFIG).getParent();
        }
        Path dir = spec.localDir().orElseThrow();
        for (String file : files.subList(0, 2)) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new NoSuchFileException(
                        dir.resolve(file).toString(),
                        null,
                        "model " + spec.name() + "'s text side needs this file (hub layout)");
            }
        }
        return dir;
    }

    /**
     * What identifies the model's vectors, without loading it: an ONNX model's file is fetched
     * if needed and hashed.
     */
    public ModelIdentity identity(ModelSpec spec) throws IOException {
        return switch (spec) {
            case OnnxModelSpec onnx -> ModelIdentity.of(onnx, fetch(onnx));
            case ComputedModelSpec computed -> ModelIdentity.of(computed);
        };
    }
}
