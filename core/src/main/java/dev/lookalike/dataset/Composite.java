package dev.lookalike.dataset;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Pastes the image, scaled down, into another photo: the query then shows the copy inside an
 * unrelated scene, as DISC21's overlay-onto-background queries do.
 *
 * @param background     the photo pasted into (a {@code TYPE_INT_RGB} image; not modified)
 * @param backgroundName what {@code edits.csv} calls the background (its path under the source folder)
 * @param scale          the pasted copy's width as a fraction of the background's, in (0, 1]; its
 *                       height follows the copy's aspect ratio and is capped at the background's
 * @param x              where the copy's left edge lies within the free horizontal space, in [0, 1]
 * @param y              where the copy's top edge lies within the free vertical space, in [0, 1]
 */
public record Composite(BufferedImage background, String backgroundName, double scale, double x, double y)
        implements Edit {

    public Composite {
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(backgroundName, "backgroundName");
        if (!(scale > 0 && scale <= 1 && x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
            throw new IllegalArgumentException(
                    "composite placement out of range: scale=" + scale + " x=" + x + " y=" + y);
        }
    }

    /** The copy 35-75% of the background's width, anywhere in it. */
    public static Composite random(SplittableRandom random, BufferedImage background, String backgroundName) {
        return new Composite(
                background, backgroundName, Draw.uniform(random, 0.35, 0.75), random.nextDouble(), random.nextDouble());
    }

    @Override
    public EditType type() {
        return EditType.COMPOSITE;
    }

    @Override
    public BufferedImage apply(BufferedImage image) {
        int bw = background.getWidth();
        int bh = background.getHeight();
        double fit = Math.min(scale * bw / image.getWidth(), (double) bh / image.getHeight());
        int w = Math.max(1, (int) Math.round(image.getWidth() * fit));
        int h = Math.max(1, (int) Math.round(image.getHeight() * fit));
        BufferedImage out = Images.copy(background);
        Graphics2D g = Images.smooth(out);
        g.drawImage(image, (int) Math.round(x * (bw - w)), (int) Math.round(y * (bh - h)), w, h, null);
        g.dispose();
        return out;
    }

    @Override
    public String parameters() {
        return "background=" + backgroundName + " scale=" + Images.f2(scale) + " x=" + Images.f2(x) + " y="
                + Images.f2(y);
    }
}
