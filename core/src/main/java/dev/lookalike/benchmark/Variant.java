package dev.lookalike.benchmark;

/** A way of post-processing a model's descriptors or scores with a background set, beside the raw result. */
public enum Variant {
    /** Scores lowered by each query's similarity to the background ({@link dev.lookalike.calibration.ScoreNormalization}). */
    SCORE_NORM("score_norm"),
    /** Vectors PCA-whitened on the background, then searched again ({@link dev.lookalike.calibration.PcaWhitening}). */
    WHITEN("whiten"),
    /** Both: whitened vectors, their scores normalised against the whitened background. */
    WHITEN_SCORE_NORM("whiten+score_norm");

    private final String key;

    Variant(String key) {
        this.key = key;
    }

    /** The name in reports: {@code score_norm}, {@code whiten}, {@code whiten+score_norm}. */
    public String key() {
        return key;
    }
}
