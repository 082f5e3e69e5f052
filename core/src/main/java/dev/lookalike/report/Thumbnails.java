package dev.lookalike.report;

import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Makes small JPEG thumbnails: longest side at most {@link #maxSide()} pixels (never enlarged),
 * scaled down by successive halvings so fine detail does not alias.
 */
public final class Thumbnails {

    private static final ImageDecoder DECODER = new ImageDecoder();

    /** The longest side of a thumbnail unless told otherwise: sharp at twice the displayed size. */
    public static final int DEFAULT_MAX_SIDE = 256;

    private static final int MIN_MAX_SIDE = 16;
    private static final float JPEG_QUALITY = 0.85f;

    private final int maxSide;

    /** Thumbnails of at most {@link #DEFAULT_MAX_SIDE} pixels on their longest side. */
    public Thumbnails() {
        this(DEFAULT_MAX_SIDE);
    }

    /** @param maxSide the longest side of a thumbnail in pixels, at least 16 */
    public Thumbnails(int maxSide) {
        if (maxSide < MIN_MAX_SIDE) {
            throw new IllegalArgumentException("thumbnail side must be at least " + MIN_MAX_SIDE + ": " + maxSide);
        }
        this.maxSide = maxSide;
    }

    /** The longest side of a thumbnail in pixels. */
    public int maxSide() {
        return maxSide;
    }

    /**
     * A thumbnail of an image file, upright as its EXIF orientation says. Never fails on a bad
     * file: a missing, corrupt or unsupported one gives {@link Thumbnail.Unreadable}.
     */
    public Thumbnail of(Path file) {
        try {
            return of(read(file));
        } catch (IOException | RuntimeException e) {
            // Image plugins throw unchecked exceptions on some corrupt data; one bad picture must
            // not cost the user a whole report.
            return new Thumbnail.Unreadable(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** A thumbnail of decoded pixels. */
    public Thumbnail.Image of(DecodedImage image) {
        BufferedImage small = shrink(toBufferedImage(image));
        return new Thumbnail.Image(encodeJpeg(small), small.getWidth(), small.getHeight());
    }

    /** Decodes a file to upright RGB pixels, as everywhere else in lookalike. */
    static DecodedImage read(Path file) throws IOException {
        return DECODER.decode(file);
    }

    private BufferedImage shrink(BufferedImage image) {
        double scale = Math.min(1.0, (double) maxSide / Math.max(image.getWidth(), image.getHeight()));
        int targetW = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int targetH = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage current = image;
        // Halving with bilinear filtering averages every source pixel; one big bicubic jump would skip most.
        while (current.getWidth() >= 2 * targetW && current.getHeight() >= 2 * targetH) {
            current = draw(
                    current,
                    current.getWidth() / 2,
                    current.getHeight() / 2,
                    RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        if (current.getWidth() == targetW && current.getHeight() == targetH) {
            return current;
        }
        return draw(current, targetW, targetH, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, Object interpolation) {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static BufferedImage toBufferedImage(DecodedImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        byte[] rgb = image.rgb();
        for (int i = 0, p = 0; i < pixels.length; i++, p += 3) {
            pixels[i] = (rgb[p] & 0xFF) << 16 | (rgb[p + 1] & 0xFF) << 8 | rgb[p + 2] & 0xFF;
        }
        return out;
    }

    private static byte[] encodeJpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(JPEG_QUALITY);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a JPEG in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
