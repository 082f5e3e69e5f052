package dev.lookalike.image;

/**
 * How {@link ImageDecoder} decodes.
 *
 * @param applyExifOrientation rotate/flip as the EXIF orientation tag says (what a person expects);
 *                             {@code false} reproduces PIL's {@code Image.open}, which ignores it
 * @param maxPixels            images with more pixels than this (width * height, read from the
 *                             header) are refused before any pixel is decoded; at least 1
 */
public record DecodeOptions(boolean applyExifOrientation, long maxPixels) {

    /** EXIF orientation applied, at most 100 megapixels. */
    public static final DecodeOptions DEFAULT = new DecodeOptions(true, 100_000_000L);

    public DecodeOptions {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
        }
    }
}
