package dev.lookalike.dataset;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Draws a word in block capitals over the image, with a drop shadow in a contrasting colour so
 * it shows on any background.
 *
 * @param text    capital letters and digits only
 * @param color   the letters' colour
 * @param height  letter height as a fraction of the image height, in (0, 1]
 * @param x       left of the text's start as a fraction of the width, in [0, 1]
 * @param y       top of the text's start as a fraction of the height, in [0, 1]
 * @param degrees tilt, counter-clockwise
 */
public record TextOverlay(String text, Color color, double height, double x, double y, double degrees) implements Edit {

    private static final List<String> WORDS = List.of(
            "SALE", "LOL", "WOW", "COPY", "HELLO", "OMG", "MEME", "NEW", "FREE", "TOP", "BEST", "LIKE", "SHARE",
            "FOLLOW", "SUMMER", "PHOTO", "2021", "4K", "HD");

    public TextOverlay {
        if (text.isEmpty() || !text.chars().allMatch(c -> BlockFont.ALPHABET.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("text must be capital letters and digits: \"" + text + "\"");
        }
        if (!(height > 0 && height <= 1 && x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "text placement out of range: height=%s x=%s y=%s", height, x, y));
        }
    }

    /**
     * A meme-like word or random letters and digits, 8-20% of the height, somewhere it mostly
     * fits, tilted by up to 30 degrees half the time.
     */
    public static TextOverlay random(SplittableRandom random) {
        String text = random.nextInt(3) == 0 ? randomLetters(random) : WORDS.get(random.nextInt(WORDS.size()));
        double height = Draw.uniform(random, 0.08, 0.2);
        double degrees = random.nextBoolean() ? Draw.uniform(random, -30, 30) : 0;
        return new TextOverlay(
                text,
                Draw.vividColor(random),
                height,
                Draw.uniform(random, 0, 0.5),
                Draw.uniform(random, 0, 1 - height),
                degrees);
    }

    private static String randomLetters(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int length = 3 + random.nextInt(6);
        for (int i = 0; i < length; i++) {
            text.append(BlockFont.ALPHABET.charAt(random.nextInt(BlockFont.ALPHABET.length())));
        }
        return text.toString();
    }

    @Override
    public EditType type() {
        return EditType.TEXT;
    }

    @Override
    public BufferedImage apply(BufferedImage image) {
        BufferedImage out = Images.copy(image);
        Graphics2D g = Images.smooth(out);
        double cell = height * image.getHeight() / BlockFont.ROWS;
        g.translate(x * image.getWidth(), y * image.getHeight());
        g.rotate(Math.toRadians(-degrees));
        g.setColor(contrasting(color));
        g.translate(cell * 0.15, cell * 0.15); // a drop shadow, offset down and right
        BlockFont.draw(g, text, cell);
        g.translate(-cell * 0.15, -cell * 0.15);
        g.setColor(color);
        BlockFont.draw(g, text, cell);
        g.dispose();
        return out;
    }

    private static Color contrasting(Color color) {
        return Grayscale.luminance(color.getRed(), color.getGreen(), color.getBlue()) > 128 ? Color.BLACK : Color.WHITE;
    }

    @Override
    public String parameters() {
        return String.format(
                Locale.ROOT,
                "text=%s color=%s height=%.2f x=%.2f y=%.2f degrees=%.1f",
                text,
                Images.hex(color),
                height,
                x,
                y,
                degrees);
    }
}
