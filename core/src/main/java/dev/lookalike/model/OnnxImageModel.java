package dev.lookalike.model;

import dev.lookalike.embed.OnnxEmbedder;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.preprocess.Preprocessor;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * An ONNX model, loaded: the {@link Preprocessor} of its {@code preprocessor_config.json} and an
 * ONNX Runtime session, each created once. Safe to use from several threads; must be closed to free
 * the native session.
 */
public final class OnnxImageModel implements ImageModel {

    private final OnnxModelSpec spec;
    private final Path directory;
    private final Preprocessor preprocessor;
    private final OnnxEmbedder embedder;
    private volatile ModelIdentity identity;

    OnnxImageModel(OnnxModelSpec spec, Path directory, Preprocessor preprocessor, OnnxEmbedder embedder) {
        this.spec = spec;
        this.directory = directory;
        this.preprocessor = preprocessor;
        this.embedder = embedder;
    }

    @Override
    public OnnxModelSpec spec() {
        return spec;
    }

    /** The model's directory (hub layout) on the local disk. */
    public Path directory() {
        return directory;
    }

    /**
     * What identifies this model's vectors: name, ONNX file hash, output, pooling, dimension.
     * The hash is computed on first use (a fraction of a second for a 350 MB file).
     */
    @Override
    public ModelIdentity identity() throws IOException {
        ModelIdentity known = identity;
        if (known == null) {
            known = ModelIdentity.of(spec, directory);
            identity = known;
        }
        return known;
    }

    @Override
    public int resizeEdge() {
        return preprocessor.resizeEdge();
    }

    /** The preprocessing stage: pixels to model input. */
    public Preprocessor preprocessor() {
        return preprocessor;
    }

    /** The inference stage: model input to vector. */
    public OnnxEmbedder embedder() {
        return embedder;
    }

    /** A direct buffer (the layout ONNX Runtime reads in place) with room for {@code count} model inputs. */
    @Override
    public FloatBuffer allocateBatch(int count) {
        int[] shape = preprocessor.inputShape();
        return OnnxEmbedder.allocateBatch(count, shape[0], shape[1], shape[2]);
    }

    @Override
    public void preprocessInto(DecodedImage image, FloatBuffer batch, int slot) {
        int[] shape = preprocessor.inputShape();
        int size = shape[0] * shape[1] * shape[2];
        preprocessor.preprocess(image, batch.duplicate().position(slot * size));
    }

    @Override
    public float[][] embedBatch(FloatBuffer batch, int count) {
        int[] shape = preprocessor.inputShape();
        int size = shape[0] * shape[1] * shape[2];
        // The buffer has room for a whole batch; a run's last batch, or one with unreadable images, fills part of it.
        return embedder.embed(batch.slice(0, Math.multiplyExact(count, size)), count, shape[0], shape[1], shape[2]);
    }

    @Override
    public void close() {
        embedder.close();
    }
}
