package dev.lookalike.dataset;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Adds a solid border.
 *
 * @param left   border widths as fractions of the image's width (left, right) or height (top, bottom), each in [0, 1]
 * @param top    see {@code left}
 * @param right  see {@code left}
 * @param bottom see {@code left}
 * @param color  the border's colour
 */
public record Pad(double left, double top, double right, double bottom, Color color) implements Edit {

    public Pad {
        for (double side : new double[] {left, top, right, bottom}) {
            if (!(side >= 0 && side <= 1)) {
                throw new IllegalArgumentException("padding must be in [0, 1]: " + side);
            }
        }
    }

    /** The same border all round (3-25%) half the time, otherwise 3-25% on each side independently. */
    public static Pad random(SplittableRandom random) {
        Color color = Draw.vividColor(random);
        if (random.nextBoolean()) {
            double all = Draw.uniform(random, 0.03, 0.25);
            return new Pad(all, all, all, all, color);
        }
        return new Pad(
                Draw.uniform(random, 0.03, 0.25),
                Draw.uniform(random, 0.03, 0.25),
                Draw.uniform(random, 0.03, 0.25),
                Draw.uniform(random, 0.03, 0.25),
                color);
    }

    @Override
    public EditType type() {
        return EditType.PAD;
    }

    @Override
    public BufferedImage apply(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int l = (int) Math.round(left * w);
        int t = (int) Math.round(top * h);
        BufferedImage out = Images.blank(l + w + (int) Math.round(right * w), t + h + (int) Math.round(bottom * h));
        Graphics2D g = out.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(image, l, t, null);
        g.dispose();
        return out;
    }

    @Override
    public String parameters() {
        return "left=" + Images.f2(left) + " top=" + Images.f2(top) + " right=" + Images.f2(right) + " bottom="
                + Images.f2(bottom) + " color=" + Images.hex(color);
    }
}
