package dev.lookalike.dataset;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Projects the image onto a quadrilateral inside the same frame, as if photographed at an angle;
 * the uncovered edge takes a fill colour.
 *
 * @param inset how far each corner moves inwards, as fractions of the width and height:
 *              {@code {topLeftX, topLeftY, topRightX, topRightY, bottomRightX, bottomRightY,
 *              bottomLeftX, bottomLeftY}}, each in [0, 0.45]
 * @param fill  the colour outside the projected image
 */
public record Perspective(double[] inset, Color fill) implements Edit {

    public Perspective {
        if (inset.length != 8) {
            throw new IllegalArgumentException("perspective needs 8 insets, got " + inset.length);
        }
        for (double d : inset) {
            if (!(d >= 0 && d <= 0.45)) {
                throw new IllegalArgumentException("perspective inset must be in [0, 0.45]: " + d);
            }
        }
        inset = inset.clone();
    }

    /** Corners moved inwards by up to 20%, one side of the frame tilted more than the other. */
    public static Perspective random(SplittableRandom random) {
        double[] inset = new double[8];
        int tilted = random.nextInt(4); // the side pulled in most: top, right, bottom or left
        for (int i = 0; i < 8; i++) {
            inset[i] = Draw.uniform(random, 0, 0.06);
        }
        int[][] sideCorners = {{0, 1}, {1, 2}, {2, 3}, {3, 0}};
        for (int corner : sideCorners[tilted]) {
            int along = tilted % 2 == 0 ? 2 * corner : 2 * corner + 1; // pull along the tilted side
            inset[along] = Draw.uniform(random, 0.1, 0.2);
        }
        Color fill = random.nextBoolean() ? Color.BLACK : Draw.vividColor(random);
        return new Perspective(inset, fill);
    }

    @Override
    public EditType type() {
        return EditType.PERSPECTIVE;
    }

    @Override
    public BufferedImage apply(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double[] frame = {0, 0, w, 0, w, h, 0, h};
        double[] quad = {
            inset[0] * w,
            inset[1] * h,
            w - inset[2] * w,
            inset[3] * h,
            w - inset[4] * w,
            h - inset[5] * h,
            inset[6] * w,
            h - inset[7] * h
        };
        Homography toSource = Homography.fit(quad, frame);
        BufferedImage out = Images.blank(w, h);
        int[] src = Images.pixels(image);
        int[] dst = Images.pixels(out);
        int background = fill.getRGB() & 0xFFFFFF;
        double[] at = new double[2];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                toSource.map(x + 0.5, y + 0.5, at);
                dst[y * w + x] = Sampling.bilinear(src, w, h, at[0] - 0.5, at[1] - 0.5, background);
            }
        }
        return out;
    }

    @Override
    public double[] inset() {
        return inset.clone();
    }

    @Override
    public String parameters() {
        StringBuilder text = new StringBuilder("inset=");
        for (int i = 0; i < inset.length; i++) {
            text.append(i == 0 ? "" : "/").append(Images.f2(inset[i]));
        }
        return text.append(" fill=").append(Images.hex(fill)).toString();
    }
}
