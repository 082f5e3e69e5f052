package dev.lookalike.dataset;

import dev.lookalike.image.ImageDecodeException;
import dev.lookalike.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Encodes as a JPEG at a low quality and decodes it again, keeping the block and ringing
 * artefacts.
 *
 * @param quality ImageIO's JPEG quality in percent, 1..100
 */
public record JpegRecompression(int quality) implements Edit {

    private static final ImageDecoder DECODER = new ImageDecoder();

    public JpegRecompression {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be in 1..100: " + quality);
        }
    }

    /** A quality of 5-25. */
    public static JpegRecompression random(SplittableRandom random) {
        return new JpegRecompression(5 + random.nextInt(21));
    }

    @Override
    public EditType type() {
        return EditType.JPEG;
    }

    @Override
    public BufferedImage apply(BufferedImage image) {
        byte[] bytes = Images.jpeg(image, quality / 100f);
        try {
            return Images.fromDecoded(DECODER.decode(bytes, "recompressed.jpg"));
        } catch (ImageDecodeException e) {
            throw new IllegalStateException("a JPEG just encoded in memory did not decode: " + e.getMessage(), e);
        }
    }

    @Override
    public String parameters() {
        return "quality=" + quality;
    }
}
