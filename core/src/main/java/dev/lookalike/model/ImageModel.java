package dev.lookalike.model;

import dev.lookalike.embed.OnnxEmbedder;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.preprocess.Preprocessor;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded model: image in, vector out. Preprocessing and the ONNX session are created once; the
 * model is safe to use from several threads and must be closed to free the native session.
 */
public final class ImageModel implements AutoCloseable {

    private final ModelSpec spec;
    private final Path directory;
    private final Preprocessor preprocessor;
    private final OnnxEmbedder embedder;
    private volatile ModelIdentity identity;

    ImageModel(ModelSpec spec, Path directory, Preprocessor preprocessor, OnnxEmbedder embedder) {
        this.spec = spec;
        this.directory = directory;
        this.preprocessor = preprocessor;
        this.embedder = embedder;
    }

    /** The model's descriptor. */
    public ModelSpec spec() {
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
    public ModelIdentity identity() throws IOException {
        ModelIdentity known = identity;
        if (known == null) {
            known = ModelIdentity.of(spec, directory);
            identity = known;
        }
        return known;
    }

    /** The length of this model's vectors. */
    public int dimension() {
        return spec.dimension();
    }

    /** The preprocessing stage: pixels to model input. */
    public Preprocessor preprocessor() {
        return preprocessor;
    }

    /** The inference stage: model input to vector. */
    public OnnxEmbedder embedder() {
        return embedder;
    }

    /** A direct buffer with room for {@code count} model inputs, to fill with {@link #preprocessInto}. */
    public FloatBuffer allocateBatch(int count) {
        int[] shape = preprocessor.inputShape();
        return OnnxEmbedder.allocateBatch(count, shape[0], shape[1], shape[2]);
    }

    /** Preprocesses {@code image} into slot {@code slot} of a buffer from {@link #allocateBatch}. */
    public void preprocessInto(DecodedImage image, FloatBuffer batch, int slot) {
        int[] shape = preprocessor.inputShape();
        int size = shape[0] * shape[1] * shape[2];
        preprocessor.preprocess(image, batch.duplicate().position(slot * size));
    }

    /**
     * Embeds the first {@code count} inputs of a batch buffer.
     *
     * @return {@code count} vectors of {@link #dimension()} floats, not normalised
     */
    public float[][] embedBatch(FloatBuffer batch, int count) {
        int[] shape = preprocessor.inputShape();
        int size = shape[0] * shape[1] * shape[2];
        // The buffer has room for a whole batch; a run's last batch, or one with unreadable images, fills part of it.
        return embedder.embed(batch.slice(0, Math.multiplyExact(count, size)), count, shape[0], shape[1], shape[2]);
    }

    /** Embeds images in one batch; returns one vector per image, in order, not normalised. */
    public float[][] embed(List<DecodedImage> images) {
        FloatBuffer batch = allocateBatch(images.size());
        for (int i = 0; i < images.size(); i++) {
            preprocessInto(images.get(i), batch, i);
        }
        return embedBatch(batch, images.size());
    }

    /** Embeds one image; the vector is not normalised. */
    public float[] embed(DecodedImage image) {
        return embed(List.of(image))[0];
    }

    @Override
    public void close() {
        embedder.close();
    }
}
