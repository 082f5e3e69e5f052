package dev.lookalike.image;

import java.util.Objects;

/**
 * How {@link ImageDecoder} decodes.
 *
 * @param applyExifOrientation rotate/flip as the EXIF orientation tag says (what a person expects);
 *                             {@code false} reproduces PIL's {@code Image.open}, which ignores it
 * @param maxPixels            images with more pixels than this (width * height, read from the
 *                             header) are refused before any pixel is decoded; at least 1
 * @param mode                 exact, or JPEGs scaled down while decoding
 */
public record DecodeOptions(boolean applyExifOrientation, long maxPixels, DecodeMode mode) {

    /** EXIF orientation applied, at most 100 megapixels, exact. */
    public static final DecodeOptions DEFAULT = new DecodeOptions(true, 100_000_000L);

    public DecodeOptions {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
        }
        Objects.requireNonNull(mode, "mode");
    }

    /** Exact decoding. */
    public DecodeOptions(boolean applyExifOrientation, long maxPixels) {
        this(applyExifOrientation, maxPixels, DecodeMode.EXACT);
    }

    /** These options with another mode. */
    public DecodeOptions withMode(DecodeMode newMode) {
        return new DecodeOptions(applyExifOrientation, maxPixels, newMode);
    }
}
