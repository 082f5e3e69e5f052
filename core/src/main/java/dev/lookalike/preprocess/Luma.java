package dev.lookalike.preprocess;

import dev.lookalike.image.DecodedImage;

/**
 * 8-bit grayscale as Pillow makes it: {@code convert("L")} of an RGB image, then
 * {@code resize((size, size), LANCZOS)}, bit for bit. The input of perceptual hashes.
 */
public final class Luma {

    private Luma() {}

    /**
     * Pillow's {@code convert("L")}: the ITU-R 601-2 luma {@code (R*19595 + G*38470 + B*7471 + 0x8000) >> 16},
     * one byte per pixel, rows top to bottom.
     */
    public static byte[] luma(DecodedImage image) {
        byte[] rgb = image.rgb();
        byte[] luma = new byte[image.width() * image.height()];
        for (int i = 0, s = 0; i < luma.length; i++, s += 3) {
            int r = rgb[s] & 0xFF;
            int g = rgb[s + 1] & 0xFF;
            int b = rgb[s + 2] & 0xFF;
            luma[i] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >>> 16);
        }
        return luma;
    }

    /**
     * The image's luma resized to {@code size x size} pixels with Pillow's LANCZOS filter (the aspect
     * ratio is not kept), {@code size * size} bytes, rows top to bottom.
     */
    public static byte[] thumbnail(DecodedImage image, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("thumbnail size must be positive, got " + size);
        }
        byte[] luma = luma(image);
        if (image.width() == size && image.height() == size) {
            return luma; // Pillow's resize returns a copy when the size does not change
        }
        return PilResampler.resizeGray(luma, image.width(), image.height(), size, size, Resample.LANCZOS);
    }
}
