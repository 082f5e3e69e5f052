package dev.lookalike.dedup;

import dev.lookalike.search.Fusion;
import dev.lookalike.search.ModelChoice;
import dev.lookalike.search.SingleModel;
import java.util.Locale;
import java.util.Map;

/**
 * The cosine thresholds {@code dedup} uses when none is given. Starting points, not calibrations: {@code clip}
 * 0.95 and {@code dinov2} 0.90 (DINOv2's copies score lower than CLIP's, its features being more local), their
 * int8 variants the same, {@code phash} 0.6875 (a Hamming distance of at most 10 of 64 bits, imagededup's default),
 * a mean fusion the mean of its components' defaults, any other model 0.95. Measure yours with {@code bench} or
 * {@code dedup --evaluate}.
 */
public final class DedupThresholds {

    /** For models this class does not know. */
    public static final float OTHER = 0.95f;

    private static final Map<String, Float> DEFAULTS = Map.of(
            "clip",
            0.95f,
            "clip-q8",
            0.95f,
            "dinov2",
            0.90f,
            "dinov2-q8",
            0.90f,
            "dinov2-cls",
            0.90f,
            "phash",
            fromHamming(10, 64));

    private DedupThresholds() {}

    /** The default threshold for a model or a mean fusion of models. */
    public static float defaultFor(String model) {
        return switch (ModelChoice.parse(model)) {
            case SingleModel single -> DEFAULTS.getOrDefault(single.name(), OTHER);
            case Fusion fusion ->
                (float) fusion.components().stream()
                        .mapToDouble(DedupThresholds::defaultFor)
                        .average()
                        .orElseThrow();
        };
    }

    /**
     * The cosine of two ±1 hash vectors of {@code bits} bits that differ in {@code hamming} bits:
     * {@code 1 - 2 * hamming / bits}, exact in float for 64 bits.
     *
     * @throws IllegalArgumentException unless {@code 0 <= hamming < bits / 2} (a threshold in (0, 1])
     */
    public static float fromHamming(int hamming, int bits) {
        if (hamming < 0 || 2 * hamming >= bits) {
            throw new IllegalArgumentException(
                    "--max-hamming must be in [0, " + (bits / 2 - 1) + "] for " + bits + "-bit hashes, got " + hamming);
        }
        return 1f - 2f * hamming / bits;
    }

    /**
     * Checks a threshold given by a person.
     *
     * @throws IllegalArgumentException unless it is a cosine in (0, 1]
     */
    public static float check(float threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "threshold must be a cosine in (0, 1], got %s", threshold));
        }
        return threshold;
    }
}
