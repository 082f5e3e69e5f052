package dev.lookalike.model;

import dev.lookalike.image.DecodedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * A loaded model: image in, vector out, in two stages so that a pipeline can preprocess on worker
 * threads and embed whole batches: {@link #preprocessInto} writes one image's model input into a
 * slot of a batch buffer from {@link #allocateBatch}, {@link #embedBatch} turns the filled slots
 * into vectors. Implementations are safe to use from several threads; close them to free native
 * resources.
 *
 * <p>{@link OnnxImageModel} runs an ONNX network; {@link PerceptualHashModel} computes a perceptual
 * hash.
 */
public interface ImageModel extends AutoCloseable {

    /** The model's descriptor. */
    ModelSpec spec();

    /** What identifies this model's vectors in an index; vectors of different identities are never mixed. */
    ModelIdentity identity() throws IOException;

    /** The length of this model's vectors. */
    default int dimension() {
        return spec().dimension();
    }

    /**
     * The longest side this model resizes images to: fast decoding keeps twice as many pixels on
     * an image's short side. {@code Integer.MAX_VALUE} (the default) when it needs full-size pixels.
     */
    default int resizeEdge() {
        return Integer.MAX_VALUE;
    }

    /** The largest {@link #resizeEdge()} of the models: what one decoded image must serve. */
    static int resizeEdge(List<? extends ImageModel> models) {
        return models.stream().mapToInt(ImageModel::resizeEdge).max().orElse(Integer.MAX_VALUE);
    }

    /** A buffer with room for {@code count} model inputs, to fill with {@link #preprocessInto}. */
    FloatBuffer allocateBatch(int count);

    /** Preprocesses {@code image} into slot {@code slot} of a buffer from {@link #allocateBatch}. */
    void preprocessInto(DecodedImage image, FloatBuffer batch, int slot);

    /**
     * Embeds the first {@code count} inputs of a batch buffer.
     *
     * @return {@code count} vectors of {@link #dimension()} floats, not normalised
     */
    float[][] embedBatch(FloatBuffer batch, int count);

    /** Embeds images in one batch; returns one vector per image, in order, not normalised. */
    default float[][] embed(List<DecodedImage> images) {
        FloatBuffer batch = allocateBatch(images.size());
        for (int i = 0; i < images.size(); i++) {
            preprocessInto(images.get(i), batch, i);
        }
        return embedBatch(batch, images.size());
    }

    /** Embeds one image; the vector is not normalised. */
    default float[] embed(DecodedImage image) {
        return embed(List.of(image))[0];
    }

    @Override
    void close();
}
