package dev.lookalike.dataset;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Gaussian blur, separable, with edge pixels repeated beyond the border.
 *
 * @param sigma the standard deviation as a fraction of the image's shorter side, in (0, 0.1]
 */
public record Blur(double sigma) implements Edit {

    public Blur {
        if (!(sigma > 0 && sigma <= 0.1)) {
            throw new IllegalArgumentException("blur sigma must be in (0, 0.1] of the shorter side: " + sigma);
        }
    }

    /** A sigma of 0.6-2% of the shorter side (3-10 pixels on a 480-pixel photo). */
    public static Blur random(SplittableRandom random) {
        return new Blur(Draw.uniform(random, 0.006, 0.02));
    }

    @Override
    public EditType type() {
        return EditType.BLUR;
    }

    @Override
    public BufferedImage apply(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] kernel = kernel(Math.max(0.5, sigma * Math.min(w, h)));
        int[] src = Images.pixels(image);
        int[] across = new int[src.length];
        pass(src, across, w, h, kernel, true);
        BufferedImage out = Images.blank(w, h);
        pass(across, Images.pixels(out), w, h, kernel, false);
        return out;
    }

    /** Normalised weights from -radius to radius, radius = ceil(3 sigma). */
    private static float[] kernel(double sigmaPixels) {
        int radius = (int) Math.ceil(3 * sigmaPixels);
        float[] weights = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double weight = Math.exp(-(i * i) / (2 * sigmaPixels * sigmaPixels));
            weights[i + radius] = (float) weight;
            sum += weight;
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= (float) sum;
        }
        return weights;
    }

    private static void pass(int[] src, int[] dst, int w, int h, float[] kernel, boolean horizontal) {
        int radius = kernel.length / 2;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float r = 0;
                float g = 0;
                float b = 0;
                for (int k = -radius; k <= radius; k++) {
                    int sx = horizontal ? Math.max(0, Math.min(w - 1, x + k)) : x;
                    int sy = horizontal ? y : Math.max(0, Math.min(h - 1, y + k));
                    int p = src[sy * w + sx];
                    float weight = kernel[k + radius];
                    r += (p >> 16 & 0xFF) * weight;
                    g += (p >> 8 & 0xFF) * weight;
                    b += (p & 0xFF) * weight;
                }
                dst[y * w + x] = Images.clamp255(r) << 16 | Images.clamp255(g) << 8 | Images.clamp255(b);
            }
        }
    }

    @Override
    public String parameters() {
        return String.format(Locale.ROOT, "sigma=%.3f", sigma);
    }
}
