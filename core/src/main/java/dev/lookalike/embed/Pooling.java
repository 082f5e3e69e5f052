package dev.lookalike.embed;

import java.nio.FloatBuffer;

/** How a model output tensor becomes one vector per image. */
public enum Pooling {
    /** The output already holds one vector per image: shape {@code [N, D]} (e.g. CLIP's {@code image_embeds}). */
    NONE(2),
    /** The mean over all tokens, CLS included, of a {@code [N, T, D]} output (the reference DINOv2 feature). */
    MEAN(3),
    /** Token 0 (the CLS token) of a {@code [N, T, D]} output. */
    CLS(3);

    private final int outputRank;

    Pooling(int outputRank) {
        this.outputRank = outputRank;
    }

    /** The rank of the output tensor this pooling reads: 2 for {@link #NONE}, 3 otherwise. */
    public int outputRank() {
        return outputRank;
    }

    /**
     * Pools one image's rows of a C-ordered output.
     *
     * @param values the whole output, {@code [N, D]} or {@code [N, T, D]}, read by absolute index
     * @param image  the image's index along N
     * @param tokens T (1 for {@link #NONE})
     * @param dim    D
     * @return a new array of length {@code dim}
     */
    float[] pool(FloatBuffer values, int image, int tokens, int dim) {
        int start = Math.multiplyExact(Math.multiplyExact(image, tokens), dim);
        float[] vector = new float[dim];
        if (this == MEAN) {
            mean(values, start, tokens, dim, vector);
        } else {
            values.get(start, vector);
        }
        return vector;
    }

    private static void mean(FloatBuffer values, int start, int tokens, int dim, float[] into) {
        // Sum in double: with hundreds of tokens, float sums drift by more than the parity tolerance allows.
        double[] sums = new double[dim];
        for (int t = 0; t < tokens; t++) {
            int row = start + t * dim;
            for (int d = 0; d < dim; d++) {
                sums[d] += values.get(row + d);
            }
        }
        for (int d = 0; d < dim; d++) {
            into[d] = (float) (sums[d] / tokens);
        }
    }
}
