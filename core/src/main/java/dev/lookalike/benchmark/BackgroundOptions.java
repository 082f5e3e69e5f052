package dev.lookalike.benchmark;

import dev.lookalike.calibration.ScoreNormalization;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A background set for a benchmark: images that are neither references nor queries, from which
 * each model learns {@linkplain ScoreNormalization score normalisation} and, when asked,
 * {@linkplain dev.lookalike.calibration.PcaWhitening PCA whitening}. Every model then gets the
 * variants {@code score_norm}, {@code whiten} and {@code whiten+score_norm} beside its raw result.
 *
 * @param images          the background's folder (read recursively)
 * @param scoreNorm       how scores are normalised
 * @param whiten          whether to whiten
 * @param whitenDimension the whitened dimension; empty for each model's own dimension. Either way
 *                        capped at what the background supports (its size minus one)
 */
public record BackgroundOptions(
        Path images, ScoreNormalization scoreNorm, boolean whiten, OptionalInt whitenDimension) {

    public BackgroundOptions {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(scoreNorm, "scoreNorm");
        if (whitenDimension.isPresent() && (!whiten || whitenDimension.getAsInt() < 1)) {
            throw new IllegalArgumentException(
                    "a whitening dimension must be at least 1 and needs whitening, got " + whitenDimension.getAsInt());
        }
    }
}
