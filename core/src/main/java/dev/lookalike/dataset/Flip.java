package dev.lookalike.dataset;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Mirrors the image.
 *
 * @param horizontal left-right when true, top-bottom otherwise
 */
public record Flip(boolean horizontal) implements Edit {

    /** Left-right four times in five, as photos are mostly mirrored that way. */
    public static Flip random(SplittableRandom random) {
        return new Flip(random.nextInt(5) != 0);
    }

    @Override
    public EditType type() {
        return EditType.FLIP;
    }

    @Override
    public BufferedImage apply(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = Images.blank(w, h);
        int[] src = Images.pixels(image);
        int[] dst = Images.pixels(out);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                dst[y * w + x] = horizontal ? src[y * w + (w - 1 - x)] : src[(h - 1 - y) * w + x];
            }
        }
        return out;
    }

    @Override
    public String parameters() {
        return horizontal ? "horizontal" : "vertical";
    }
}
