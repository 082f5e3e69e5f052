package dev.lookalike.model;

import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.embed.OnnxEmbedder;
import dev.lookalike.hub.ModelHub;
import dev.lookalike.preprocess.Preprocessor;
import dev.lookalike.preprocess.PreprocessorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

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
                throw new NoSuchFileException(dir.resolve(file).toString(), null,
                        "model " + spec.name() + " needs this file (hub layout)");
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
            case ComputedModelSpec computed -> switch (computed.algorithm()) {
                case PHASH -> new PerceptualHashModel(computed);
            };
        };
    }

    /** Fetches the ONNX model if needed and loads it; the caller closes the returned model. */
    public OnnxImageModel load(OnnxModelSpec spec) throws IOException {
        Path dir = fetch(spec);
        Preprocessor preprocessor = new Preprocessor(PreprocessorConfig.read(dir.resolve(ModelSpec.PREPROCESSOR_CONFIG)));
        OnnxEmbedder embedder = new OnnxEmbedder(dir.resolve(spec.onnxFile()), spec.output(), spec.pooling(),
                spec.dimension(), options);
        return new OnnxImageModel(spec, dir, preprocessor, embedder);
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
