package dev.lookalike.dataset;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Keeps a window of the image.
 *
 * @param x      left edge, a fraction of the width
 * @param y      top edge, a fraction of the height
 * @param width  window width, a fraction of the width, in (0, 1 - x]
 * @param height window height, a fraction of the height, in (0, 1 - y]
 */
public record Crop(double x, double y, double width, double height) implements Edit {

    public Crop {
        if (!(x >= 0 && y >= 0 && width > 0 && height > 0 && x + width <= 1 + 1e-9 && y + height <= 1 + 1e-9)) {
            throw new IllegalArgumentException(
                    "crop window outside the image: x=" + x + " y=" + y + " width=" + width + " height=" + height);
        }
    }

    /** A window of 25-80% of the area with an aspect ratio within 3:4..4:3 of the image's. */
    public static Crop random(SplittableRandom random) {
        double area = Draw.uniform(random, 0.25, 0.8);
        double stretch = Math.sqrt(Draw.uniform(random, 0.75, 1.333));
        double w = Math.min(1, Math.sqrt(area) * stretch);
        double h = Math.min(1, Math.sqrt(area) / stretch);
        return new Crop(random.nextDouble() * (1 - w), random.nextDouble() * (1 - h), w, h);
    }

    @Override
    public EditType type() {
        return EditType.CROP;
    }

    @Override
    public BufferedImage apply(BufferedImage image) {
        int left = (int) (x * image.getWidth());
        int top = (int) (y * image.getHeight());
        int w = Math.max(1, Math.min(image.getWidth() - left, (int) Math.round(width * image.getWidth())));
        int h = Math.max(1, Math.min(image.getHeight() - top, (int) Math.round(height * image.getHeight())));
        return Images.copy(
                image.getSubimage(Math.min(left, image.getWidth() - 1), Math.min(top, image.getHeight() - 1), w, h));
    }

    @Override
    public String parameters() {
        return "x=" + Images.f2(x) + " y=" + Images.f2(y) + " w=" + Images.f2(width) + " h=" + Images.f2(height);
    }
}
