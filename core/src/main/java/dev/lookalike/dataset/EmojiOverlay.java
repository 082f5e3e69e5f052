package dev.lookalike.dataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Draws emoji-like shapes over the image: drawn with Java2D shapes, so no emoji font is needed.
 *
 * @param stickers what to draw, in drawing order; one or more
 */
public record EmojiOverlay(List<Sticker> stickers) implements Edit {

    /** The kinds of sticker an overlay can draw. */
    public enum Kind {
        SMILEY,
        HEART,
        STAR;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One shape.
     *
     * @param kind  which kind of sticker
     * @param color its fill
     * @param size  its width and height as a fraction of the image's shorter side, in (0, 1]
     * @param x     its centre as a fraction of the width, in [0, 1]
     * @param y     its centre as a fraction of the height, in [0, 1]
     */
    public record Sticker(Kind kind, Color color, double size, double x, double y) {
        public Sticker {
            if (!(size > 0 && size <= 1 && x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
                throw new IllegalArgumentException(
                        String.format(Locale.ROOT, "sticker out of range: size=%s x=%s y=%s", size, x, y));
            }
        }

        String describe() {
            return String.format(
                    Locale.ROOT, "%s color=%s size=%.2f x=%.2f y=%.2f", kind.id(), Images.hex(color), size, x, y);
        }
    }

    public EmojiOverlay {
        stickers = List.copyOf(stickers);
        if (stickers.isEmpty()) {
            throw new IllegalArgumentException("an emoji overlay needs at least one sticker");
        }
    }

    /** One to three shapes, each 12-35% of the shorter side, smileys yellow, hearts red, stars any colour. */
    public static EmojiOverlay random(SplittableRandom random) {
        int count = 1 + random.nextInt(3);
        List<Sticker> stickers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            Color color = switch (kind) {
                case SMILEY -> new Color(255, 204 + random.nextInt(30), random.nextInt(40));
                case HEART -> new Color(200 + random.nextInt(56), random.nextInt(40), 40 + random.nextInt(60));
                case STAR -> Draw.vividColor(random);
            };
            stickers.add(new Sticker(
                    kind,
                    color,
                    Draw.uniform(random, 0.12, 0.35),
                    Draw.uniform(random, 0.1, 0.9),
                    Draw.uniform(random, 0.1, 0.9)));
        }
        return new EmojiOverlay(stickers);
    }

    @Override
    public EditType type() {
        return EditType.EMOJI;
    }

    @Override
    public BufferedImage apply(BufferedImage image) {
        BufferedImage out = Images.copy(image);
        Graphics2D g = Images.smooth(out);
        double side = Math.min(image.getWidth(), image.getHeight());
        for (Sticker sticker : stickers) {
            double size = sticker.size * side;
            double left = sticker.x * image.getWidth() - size / 2;
            double top = sticker.y * image.getHeight() - size / 2;
            switch (sticker.kind) {
                case SMILEY -> smiley(g, left, top, size, sticker.color);
                case HEART -> filled(g, heart(left, top, size), sticker.color, size);
                case STAR -> filled(g, star(left, top, size), sticker.color, size);
            }
        }
        g.dispose();
        return out;
    }

    private static void smiley(Graphics2D g, double left, double top, double size, Color color) {
        filled(g, new Ellipse2D.Double(left, top, size, size), color, size);
        g.setColor(Color.BLACK);
        double eye = size * 0.12;
        g.fill(new Ellipse2D.Double(left + size * 0.3 - eye / 2, top + size * 0.32, eye, eye * 1.5));
        g.fill(new Ellipse2D.Double(left + size * 0.7 - eye / 2, top + size * 0.32, eye, eye * 1.5));
        g.setStroke(new BasicStroke((float) (size * 0.06), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Arc2D.Double(left + size * 0.22, top + size * 0.25, size * 0.56, size * 0.5, 200, 140, Arc2D.OPEN));
    }

    /** Fills {@code shape} and outlines it in black, as emoji are drawn. */
    private static void filled(Graphics2D g, Shape shape, Color color, double size) {
        g.setColor(color);
        g.fill(shape);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke((float) Math.max(1, size * 0.03)));
        g.draw(shape);
    }

    private static Shape heart(double left, double top, double size) {
        Path2D.Double path = new Path2D.Double();
        double cx = left + size / 2;
        path.moveTo(cx, top + size * 0.95);
        path.curveTo(
                left - size * 0.1, top + size * 0.55, left + size * 0.05, top - size * 0.05, cx, top + size * 0.25);
        path.curveTo(
                left + size * 0.95, top - size * 0.05, left + size * 1.1, top + size * 0.55, cx, top + size * 0.95);
        path.closePath();
        return path;
    }

    private static Shape star(double left, double top, double size) {
        Path2D.Double path = new Path2D.Double();
        double cx = left + size / 2;
        double cy = top + size / 2;
        for (int i = 0; i < 10; i++) {
            double radius = (i % 2 == 0 ? 0.5 : 0.2) * size;
            double angle = Math.PI * i / 5 - Math.PI / 2;
            double px = cx + radius * Math.cos(angle);
            double py = cy + radius * Math.sin(angle);
            if (i == 0) {
                path.moveTo(px, py);
            } else {
                path.lineTo(px, py);
            }
        }
        path.closePath();
        return path;
    }

    @Override
    public String parameters() {
        return stickers.stream().map(Sticker::describe).collect(Collectors.joining(" | "));
    }
}
