package dev.lookalike.dataset;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/** Keeps only the luminance, with the ITU-R 601-2 weights PIL's {@code convert("L")} uses. */
public record Grayscale() implements Edit {

    /** Grayscale has no parameters; the random source is not used. */
    public static Grayscale random(SplittableRandom random) {
        return new Grayscale();
    }

    /** Luminance of an RGB triple, 0..255. */
    static double luminance(double r, double g, double b) {
        return r * 0.299 + g * 0.587 + b * 0.114;
    }

    @Override
    public EditType type() {
        return EditType.GRAYSCALE;
    }

    @Override
    public BufferedImage apply(BufferedImage image) {
        int[] src = Images.pixels(image);
        BufferedImage out = Images.blank(image.getWidth(), image.getHeight());
        int[] dst = Images.pixels(out);
        for (int i = 0; i < src.length; i++) {
            int y = Images.clamp255(luminance(src[i] >> 16 & 0xFF, src[i] >> 8 & 0xFF, src[i] & 0xFF));
            dst[i] = y << 16 | y << 8 | y;
        }
        return out;
    }

    @Override
    public String parameters() {
        return "";
    }
}
