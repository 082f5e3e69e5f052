package dev.lookalike.benchmark;

import dev.lookalike.calibration.ScoreNormalization;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a benchmark's variants were made.
 *
 * @param images           the background's folder
 * @param count            background images with a vector for every plain model
 * @param scoreNorm        the score normalisation applied
 * @param whitenDimensions each plain model's whitened dimension, by name; empty without whitening
 */
public record BackgroundSettings(
        Path images, int count, ScoreNormalization scoreNorm, Map<String, Integer> whitenDimensions) {

    public BackgroundSettings {
        whitenDimensions = Collections.unmodifiableMap(new LinkedHashMap<>(whitenDimensions));
    }

    /** One line for reports: {@code DIR (N images), score normalisation 1.0[0,2], whitened to clip 255-d, ...}. */
    public String describe() {
        String whitening = whitenDimensions.isEmpty()
                ? "no whitening"
                : "whitened to "
                        + whitenDimensions.entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue() + "-d")
                                .collect(Collectors.joining(", "));
        return images + " (" + count + " images), score normalisation " + scoreNorm + ", " + whitening;
    }

    /** Whether the run whitened. */
    public boolean whitened() {
        return !whitenDimensions.isEmpty();
    }
}
