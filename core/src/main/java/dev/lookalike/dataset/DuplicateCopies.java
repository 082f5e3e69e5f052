package dev.lookalike.dataset;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** Makes one copy of a photo as a {@link DuplicateVariant} says: its bytes and its parameters. */
final class DuplicateCopies {

    /** ImageIO JPEG quality of copies that are not about compression. */
    static final float JPEG_QUALITY = 0.9f;

    private DuplicateCopies() {}

    /**
     * A copy's encoded bytes and its parameters for {@code groups.csv}.
     *
     * @param bytes      the file's content
     * @param parameters {@code name=value} pairs separated by spaces; empty when there are none
     */
    record Made(byte[] bytes, String parameters) {}

    /**
     * Makes a copy of the photo whose file holds {@code original} and whose pixels, as displayed,
     * are {@code photo}.
     */
    static Made make(DuplicateVariant variant, byte[] original, BufferedImage photo, SplittableRandom random) {
        return switch (variant) {
            case ORIGINAL, EXACT, SINGLE -> new Made(original, "");
            case RESIZED -> resized(photo, random);
            case JPEG -> {
                int quality = 35 + random.nextInt(41);
                yield new Made(Images.jpeg(photo, quality / 100f), "quality=" + quality);
            }
            case PNG -> new Made(png(photo), "");
            case CROP -> cropped(photo, random);
            case EXIF_ROTATE -> exifRotated(photo, random);
            case COLOR -> colored(photo, random);
            case SCREENSHOT -> screenshot(photo, random);
        };
    }

    private static Made resized(BufferedImage photo, SplittableRandom random) {
        double scale = Draw.uniform(random, 0.3, 0.8);
        int side = Math.max(1, (int) Math.round(Math.max(photo.getWidth(), photo.getHeight()) * scale));
        return new Made(Images.jpeg(Images.fitWithin(photo, side), JPEG_QUALITY), "scale=" + Images.f2(scale));
    }

    private static Made cropped(BufferedImage photo, SplittableRandom random) {
        double left = Draw.uniform(random, 0.01, 0.06);
        double top = Draw.uniform(random, 0.01, 0.06);
        double right = Draw.uniform(random, 0.01, 0.06);
        double bottom = Draw.uniform(random, 0.01, 0.06);
        Crop crop = new Crop(left, top, 1 - left - right, 1 - top - bottom);
        return new Made(
                Images.jpeg(crop.apply(photo), JPEG_QUALITY),
                String.format(Locale.ROOT, "left=%.3f top=%.3f right=%.3f bottom=%.3f", left, top, right, bottom));
    }

    /**
     * Stores the pixels turned the other way and tags them, so that a viewer honouring EXIF shows
     * the photo as it was: orientation 3 is a half turn, 6 asks to turn a quarter clockwise, 8 a
     * quarter counter-clockwise.
     */
    private static Made exifRotated(BufferedImage photo, SplittableRandom random) {
        int orientation = new int[] {3, 6, 8}[random.nextInt(3)];
        int clockwiseQuarters = switch (orientation) {
            case 3 -> 2;
            case 6 -> 3; // stored a quarter counter-clockwise
            default -> 1;
        };
        byte[] jpeg = Images.jpeg(turned(photo, clockwiseQuarters), JPEG_QUALITY);
        return new Made(ExifJpeg.withOrientation(jpeg, orientation), "orientation=" + orientation);
    }

    /** {@code image} turned clockwise by {@code quarters} quarter turns (1..3). */
    static BufferedImage turned(BufferedImage image, int quarters) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = quarters == 2 ? Images.blank(w, h) : Images.blank(h, w);
        int[] src = Images.pixels(image);
        int[] dst = Images.pixels(out);
        int outWidth = out.getWidth();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int index = switch (quarters) {
                    case 1 -> x * outWidth + (h - 1 - y);
                    case 2 -> (h - 1 - y) * outWidth + (w - 1 - x);
                    default -> (w - 1 - x) * outWidth + y;
                };
                dst[index] = src[y * w + x];
            }
        }
        return out;
    }

    private static Made colored(BufferedImage photo, SplittableRandom random) {
        ColorJitter jitter = new ColorJitter(
                Draw.uniform(random, 0.9, 1.1), Draw.uniform(random, 0.9, 1.1), Draw.uniform(random, 0.85, 1.15), 0);
        return new Made(Images.jpeg(jitter.apply(photo), JPEG_QUALITY), jitter.parameters());
    }

    /** The photo shown smaller in a window: a title bar with three buttons and a margin all round. */
    private static Made screenshot(BufferedImage photo, SplittableRandom random) {
        double scale = Draw.uniform(random, 0.45, 0.85);
        boolean dark = random.nextBoolean();
        BufferedImage shown = Images.fitWithin(photo, Math.max(1, (int)
                Math.round(Math.max(photo.getWidth(), photo.getHeight()) * scale)));
        int margin = Math.max(4, (int) Math.round(shown.getWidth() * Draw.uniform(random, 0.04, 0.2)));
        int bar = 24 + random.nextInt(25);
        BufferedImage canvas = Images.blank(shown.getWidth() + 2 * margin, shown.getHeight() + bar + 2 * margin);
        Graphics2D g = Images.smooth(canvas);
        g.setColor(dark ? new Color(0x1e1e1e) : new Color(0xf3f3f3));
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setColor(dark ? new Color(0x2d2d2d) : new Color(0xdcdcdc));
        g.fillRect(0, 0, canvas.getWidth(), bar);
        Color[] buttons = {new Color(0xff5f57), new Color(0xfebc2e), new Color(0x28c840)};
        int diameter = bar / 2;
        for (int i = 0; i < buttons.length; i++) {
            g.setColor(buttons[i]);
            g.fillOval(diameter / 2 + i * (diameter * 3 / 2), bar / 4, diameter, diameter);
        }
        g.drawImage(shown, margin, bar + margin, null);
        g.dispose();
        return new Made(
                png(canvas),
                String.format(
                        Locale.ROOT,
                        "scale=%.2f margin=%d bar=%d theme=%s",
                        scale,
                        margin,
                        bar,
                        dark ? "dark" : "light"));
    }

    /** PNG bytes; ImageIO's PNG writer is deterministic (no time stamps). */
    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding in memory failed", e);
        }
        return bytes.toByteArray();
    }
}
