package dev.lookalike.dataset;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Rotates the image. Right angles turn the pixels exactly; other angles keep the largest upright
 * rectangle inside the rotated image, so no fill colour shows.
 *
 * @param degrees counter-clockwise, in (-360, 360), not 0
 */
public record Rotate(double degrees) implements Edit {

    public Rotate {
        if (!(Math.abs(degrees) < 360) || degrees == 0) {
            throw new IllegalArgumentException("rotation must be in (-360, 360) and not 0: " + degrees);
        }
    }

    /** 90, 180 or 270 degrees a quarter of the time, otherwise 8-40 degrees either way. */
    public static Rotate random(SplittableRandom random) {
        if (random.nextInt(4) == 0) {
            return new Rotate(90 * (1 + random.nextInt(3)));
        }
        return new Rotate(Draw.signed(random, 8, 40));
    }

    @Override
    public EditType type() {
        return EditType.ROTATE;
    }

    @Override
    public BufferedImage apply(BufferedImage image) {
        if (degrees % 90 == 0) {
            return quarterTurns(image, (int) Math.floorMod((long) (degrees / 90), 4));
        }
        double radians = Math.toRadians(degrees);
        double[] inside = largestUprightRectangle(image.getWidth(), image.getHeight(), radians);
        BufferedImage out = Images.blank((int) inside[0], (int) inside[1]);
        AffineTransform transform = new AffineTransform();
        transform.translate(out.getWidth() / 2.0, out.getHeight() / 2.0);
        transform.rotate(-radians); // image y points down: a negative angle turns counter-clockwise on screen
        transform.translate(-image.getWidth() / 2.0, -image.getHeight() / 2.0);
        Graphics2D g = Images.smooth(out);
        g.drawImage(image, transform, null);
        g.dispose();
        return out;
    }

    /** Turns counter-clockwise by {@code turns} quarter turns, pixel for pixel. */
    private static BufferedImage quarterTurns(BufferedImage image, int turns) {
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = turns % 2 == 1;
        BufferedImage out = Images.blank(swap ? h : w, swap ? w : h);
        int[] src = Images.pixels(image);
        int[] dst = Images.pixels(out);
        int ow = out.getWidth();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = src[y * w + x];
                switch (turns) {
                    case 1 -> dst[(w - 1 - x) * ow + y] = p;
                    case 2 -> dst[(h - 1 - y) * ow + (w - 1 - x)] = p;
                    default -> dst[x * ow + (h - 1 - y)] = p;
                }
            }
        }
        return out;
    }

    /**
     * Width and height of the largest axis-aligned rectangle inside a {@code w x h} rectangle
     * rotated by {@code radians} about its centre, at least 1x1.
     */
    static double[] largestUprightRectangle(int w, int h, double radians) {
        double sin = Math.abs(Math.sin(radians));
        double cos = Math.abs(Math.cos(radians));
        boolean wide = w >= h;
        double longSide = wide ? w : h;
        double shortSide = wide ? h : w;
        double width;
        double height;
        if (shortSide <= 2 * sin * cos * longSide || Math.abs(sin - cos) < 1e-10) {
            // Constrained by the short side: the rectangle touches both long edges of the rotated one.
            double half = shortSide / 2;
            width = wide ? half / sin : half / cos;
            height = wide ? half / cos : half / sin;
        } else {
            double cos2 = cos * cos - sin * sin;
            width = (w * cos - h * sin) / cos2;
            height = (h * cos - w * sin) / cos2;
        }
        return new double[] {Math.max(1, Math.floor(width)), Math.max(1, Math.floor(height))};
    }

    @Override
    public String parameters() {
        return String.format(Locale.ROOT, "degrees=%.1f", degrees);
    }
}
