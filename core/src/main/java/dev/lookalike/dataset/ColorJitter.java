package dev.lookalike.dataset;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Changes brightness, contrast, saturation and hue, in that order, as torchvision's
 * {@code ColorJitter} does: brightness scales the values, contrast blends with the mean luminance,
 * saturation with each pixel's luminance, and the hue turns in HSV.
 *
 * @param brightness factor, positive; 1 keeps the image
 * @param contrast   factor, non-negative; 1 keeps the image
 * @param saturation factor, non-negative; 1 keeps the image
 * @param hue        turn of the hue circle, in [-0.5, 0.5]
 */
public record ColorJitter(double brightness, double contrast, double saturation, double hue) implements Edit {

    public ColorJitter {
        if (!(brightness > 0 && contrast >= 0 && saturation >= 0 && Math.abs(hue) <= 0.5)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "colour jitter out of range: brightness=%s contrast=%s saturation=%s hue=%s",
                    brightness,
                    contrast,
                    saturation,
                    hue));
        }
    }

    /** Every factor clearly away from 1 and the hue turned by 5-20%. */
    public static ColorJitter random(SplittableRandom random) {
        return new ColorJitter(
                Draw.factorAwayFromOne(random, 0.55, 0.2, 1.5),
                Draw.factorAwayFromOne(random, 0.5, 0.25, 1.6),
                Draw.factorAwayFromOne(random, 0.2, 0.4, 2.0),
                Draw.signed(random, 0.05, 0.2));
    }

    @Override
    public EditType type() {
        return EditType.COLOR;
    }

    @Override
    public BufferedImage apply(BufferedImage image) {
        int[] src = Images.pixels(image);
        BufferedImage out = Images.blank(image.getWidth(), image.getHeight());
        int[] dst = Images.pixels(out);
        double mean = meanLuminance(src) * brightness;
        float[] hsb = new float[3];
        for (int i = 0; i < src.length; i++) {
            double r = (src[i] >> 16 & 0xFF) * brightness;
            double g = (src[i] >> 8 & 0xFF) * brightness;
            double b = (src[i] & 0xFF) * brightness;
            r = clamp((r - mean) * contrast + mean);
            g = clamp((g - mean) * contrast + mean);
            b = clamp((b - mean) * contrast + mean);
            double gray = Grayscale.luminance(r, g, b);
            r = clamp(gray + (r - gray) * saturation);
            g = clamp(gray + (g - gray) * saturation);
            b = clamp(gray + (b - gray) * saturation);
            Color.RGBtoHSB((int) Math.round(r), (int) Math.round(g), (int) Math.round(b), hsb);
            float turned = (float) (hsb[0] + hue - Math.floor(hsb[0] + hue));
            dst[i] = Color.HSBtoRGB(turned, hsb[1], hsb[2]) & 0xFFFFFF;
        }
        return out;
    }

    private static double meanLuminance(int[] pixels) {
        double sum = 0;
        for (int p : pixels) {
            sum += Grayscale.luminance(p >> 16 & 0xFF, p >> 8 & 0xFF, p & 0xFF);
        }
        return sum / pixels.length;
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(255, value));
    }

    @Override
    public String parameters() {
        return "brightness=" + Images.f2(brightness) + " contrast=" + Images.f2(contrast) + " saturation="
                + Images.f2(saturation) + " hue=" + Images.f2(hue);
    }
}
