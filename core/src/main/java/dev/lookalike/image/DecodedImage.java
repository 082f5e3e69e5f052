package dev.lookalike.image;

import java.util.Objects;

/**
 * An image decoded to 8-bit RGB, the hand-off from decoding to preprocessing.
 *
 * @param width  width in pixels, at least 1
 * @param height height in pixels, at least 1
 * @param rgb    interleaved R, G, B bytes, row-major, {@code width * height * 3} long (unsigned values)
 */
public record DecodedImage(int width, int height, byte[] rgb) {

    public DecodedImage {
        Objects.requireNonNull(rgb, "rgb");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        if (rgb.length != Math.multiplyExact(Math.multiplyExact(width, height), 3)) {
            throw new IllegalArgumentException(
                    "rgb has " + rgb.length + " bytes, expected " + width + "*" + height + "*3");
        }
    }

    /** The channel value at (x, y), 0..255; channel 0 = R, 1 = G, 2 = B. */
    public int value(int x, int y, int channel) {
        return rgb[(y * width + x) * 3 + channel] & 0xFF;
    }
}
