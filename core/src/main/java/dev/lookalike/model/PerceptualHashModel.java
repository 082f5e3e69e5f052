package dev.lookalike.model;

import dev.lookalike.hash.PerceptualHash;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.preprocess.Luma;
import java.nio.FloatBuffer;

/**
 * The DCT perceptual hash ({@link PerceptualHash}) as a model: its input is the 32x32 grayscale
 * thumbnail, its vector the 64 bits as +1 and -1, so that the cosine of two vectors is
 * {@code 1 - 2 * hamming / 64} and the article's score {@code (cosine + 1) / 2} is
 * {@code 1 - hamming / 64}. Stateless and thread-safe; nothing to download, nothing to close.
 */
public final class PerceptualHashModel implements ImageModel {

    private static final int INPUT_SIZE = PerceptualHash.THUMBNAIL_SIZE * PerceptualHash.THUMBNAIL_SIZE;

    private final ComputedModelSpec spec;
    private final ModelIdentity identity;

    /** @param spec a model computed with {@link ComputedModelSpec.Algorithm#PHASH} */
    public PerceptualHashModel(ComputedModelSpec spec) {
        this.spec = spec;
        this.identity = ModelIdentity.of(spec);
    }

    @Override
    public ComputedModelSpec spec() {
        return spec;
    }

    /** Name, the SHA-256 of the algorithm's versioned definition, {@code dct-hash}, no pooling, 64. */
    @Override
    public ModelIdentity identity() {
        return identity;
    }

    /** A heap buffer for {@code count} thumbnails of 32 x 32 gray levels (0 to 255). */
    /** The hash's thumbnail side, {@link dev.lookalike.hash.PerceptualHash#THUMBNAIL_SIZE}. */
    @Override
    public int resizeEdge() {
        return dev.lookalike.hash.PerceptualHash.THUMBNAIL_SIZE;
    }

    @Override
    public FloatBuffer allocateBatch(int count) {
        return FloatBuffer.allocate(Math.multiplyExact(count, INPUT_SIZE));
    }

    @Override
    public void preprocessInto(DecodedImage image, FloatBuffer batch, int slot) {
        byte[] thumbnail = Luma.thumbnail(image, PerceptualHash.THUMBNAIL_SIZE);
        float[] levels = new float[INPUT_SIZE];
        for (int i = 0; i < INPUT_SIZE; i++) {
            levels[i] = thumbnail[i] & 0xFF;
        }
        batch.put(Math.multiplyExact(slot, INPUT_SIZE), levels);
    }

    @Override
    public float[][] embedBatch(FloatBuffer batch, int count) {
        float[][] vectors = new float[count][];
        double[] pixels = new double[INPUT_SIZE];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < INPUT_SIZE; p++) {
                pixels[p] = batch.get(i * INPUT_SIZE + p);
            }
            vectors[i] =
                    PerceptualHash.toVector(PerceptualHash.fromCoefficients(PerceptualHash.lowFrequencies(pixels)));
        }
        return vectors;
    }

    @Override
    public void close() {
        // Nothing is held.
    }
}
