package dev.lookalike.embed;

import java.nio.FloatBuffer;

/**
 * How a model output tensor becomes one vector per image. For a ViT's {@code [N, T, D]}
 * {@code last_hidden_state}, token 0 is the CLS token and tokens {@code 1..T-1} are the patches.
 */
public enum Pooling {
    /** The output already holds one vector per image: shape {@code [N, D]} (e.g. CLIP's {@code image_embeds}). */
    NONE(2),
    /** The mean over all tokens, CLS included, of a {@code [N, T, D]} output (the reference DINOv2 feature). */
    MEAN(3),
    /** Token 0 (the CLS token) of a {@code [N, T, D]} output. */
    CLS(3),
    /** The mean of the patch tokens {@code 1..T-1}, CLS left out. */
    PATCHMEAN(3),
    /**
     * Generalised-mean (GeM) pooling of the patch tokens, {@code (mean_t max(x_t, 1e-6)^p)^(1/p)} per
     * dimension with {@code p = }{@value #GEM_P}, as Radenovic et al. (2018) define it for retrieval
     * (values clamped at {@value #GEM_EPS} first, so a dimension negative on every patch pools to
     * that floor): between the mean ({@code p = 1}) and the maximum ({@code p -> infinity}), it
     * favours the patches where a feature is strongest.
     */
    GEM(3),
    /**
     * The CLS token and the mean of the patch tokens, concatenated: a {@code 2D} vector, the
     * descriptor of the DINOv2 paper's linear probes.
     */
    CLSMEAN(3);

    /** GeM's exponent. */
    public static final double GEM_P = 3;
    /** The floor GeM clamps values to before the power. */
    public static final double GEM_EPS = 1e-6;

    private final int outputRank;

    Pooling(int outputRank) {
        this.outputRank = outputRank;
    }

    /** The rank of the output tensor this pooling reads: 2 for {@link #NONE}, 3 otherwise. */
    public int outputRank() {
        return outputRank;
    }

    /** The length of the output's last axis for a vector of {@code dimension}: half of it for {@link #CLSMEAN}. */
    public int tokenDimension(int dimension) {
        return this == CLSMEAN ? dimension / 2 : dimension;
    }

    /** Whether a model's declared vector {@code dimension} can come out of this pooling (even for {@link #CLSMEAN}). */
    public boolean accepts(int dimension) {
        return dimension > 0 && (this != CLSMEAN || dimension % 2 == 0);
    }

    /**
     * Pools one image's rows of a C-ordered output.
     *
     * @param values the whole output, {@code [N, D]} or {@code [N, T, D]}, read by absolute index
     * @param image  the image's index along N
     * @param tokens T (1 for {@link #NONE})
     * @param dim    D, the output's last axis
     * @return a new array of length {@code dim} ({@code 2 * dim} for {@link #CLSMEAN})
     * @throws IllegalArgumentException when a pooling over the patches finds no patch token
     */
    float[] pool(FloatBuffer values, int image, int tokens, int dim) {
        int start = Math.multiplyExact(Math.multiplyExact(image, tokens), dim);
        if ((this == PATCHMEAN || this == GEM || this == CLSMEAN) && tokens < 2) {
            throw new IllegalArgumentException(
                    "pooling " + this + " needs patch tokens after the CLS token, got " + tokens + " token(s)");
        }
        float[] vector = new float[this == CLSMEAN ? 2 * dim : dim];
        switch (this) {
            case MEAN -> mean(values, start, tokens, dim, vector, 0);
            case PATCHMEAN -> mean(values, start + dim, tokens - 1, dim, vector, 0);
            case GEM -> gem(values, start + dim, tokens - 1, dim, vector);
            case CLSMEAN -> {
                values.get(start, vector, 0, dim);
                mean(values, start + dim, tokens - 1, dim, vector, dim);
            }
            case NONE, CLS -> values.get(start, vector, 0, dim);
        }
        return vector;
    }

    private static void mean(FloatBuffer values, int start, int tokens, int dim, float[] into, int offset) {
        // Sum in double: with hundreds of tokens, float sums drift by more than the parity tolerance allows.
        double[] sums = new double[dim];
        for (int t = 0; t < tokens; t++) {
            int row = start + t * dim;
            for (int d = 0; d < dim; d++) {
                sums[d] += values.get(row + d);
            }
        }
        for (int d = 0; d < dim; d++) {
            into[offset + d] = (float) (sums[d] / tokens);
        }
    }

    private static void gem(FloatBuffer values, int start, int tokens, int dim, float[] into) {
        double[] sums = new double[dim];
        for (int t = 0; t < tokens; t++) {
            int row = start + t * dim;
            for (int d = 0; d < dim; d++) {
                sums[d] += Math.pow(Math.max(values.get(row + d), GEM_EPS), GEM_P);
            }
        }
        for (int d = 0; d < dim; d++) {
            into[d] = (float) Math.pow(sums[d] / tokens, 1 / GEM_P);
        }
    }
}
