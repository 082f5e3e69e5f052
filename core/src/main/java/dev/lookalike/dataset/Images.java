package dev.lookalike.dataset;

import dev.lookalike.image.DecodedImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Pixel plumbing shared by the edits: {@code TYPE_INT_RGB} images, drawing hints, JPEG bytes. */
final class Images {

    private Images() {}

    /** An RGB image of the given size, black. */
    static BufferedImage blank(int width, int height) {
        return new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_RGB);
    }

    /**
     * The packed {@code 0xRRGGBB} pixels of a {@code TYPE_INT_RGB} image, row-major, live. The top
     * byte means nothing: Java2D's drawing leaves 0xFF there, our loops leave 0; mask it off.
     */
    static int[] pixels(BufferedImage image) {
        assert image.getType() == BufferedImage.TYPE_INT_RGB : "expected TYPE_INT_RGB, got " + image.getType();
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    /** A decoded image as a {@code TYPE_INT_RGB} image. */
    static BufferedImage fromDecoded(DecodedImage decoded) {
        BufferedImage image = blank(decoded.width(), decoded.height());
        int[] out = pixels(image);
        byte[] rgb = decoded.rgb();
        for (int i = 0; i < out.length; i++) {
            out[i] = (rgb[3 * i] & 0xFF) << 16 | (rgb[3 * i + 1] & 0xFF) << 8 | rgb[3 * i + 2] & 0xFF;
        }
        return image;
    }

    /** A copy of {@code image} as {@code TYPE_INT_RGB}. */
    static BufferedImage copy(BufferedImage image) {
        BufferedImage copy = blank(image.getWidth(), image.getHeight());
        Graphics2D g = copy.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return copy;
    }

    /**
     * {@code image} scaled down so its longer side is at most {@code maxSide} pixels, keeping the
     * aspect ratio; {@code image} itself when it already fits. Halves the size step by step before
     * the last bilinear step, so that large reductions average the pixels instead of skipping them.
     */
    static BufferedImage fitWithin(BufferedImage image, int maxSide) {
        int longer = Math.max(image.getWidth(), image.getHeight());
        if (longer <= maxSide) {
            return image;
        }
        double scale = (double) maxSide / longer;
        int targetWidth = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int targetHeight = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage current = image;
        while (current.getWidth() / 2 >= targetWidth && current.getHeight() / 2 >= targetHeight) {
            current = resized(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return resized(current, targetWidth, targetHeight);
    }

    private static BufferedImage resized(BufferedImage image, int width, int height) {
        BufferedImage out = blank(width, height);
        Graphics2D g = smooth(out);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    /** A graphics context with antialiasing and bilinear interpolation; dispose it after use. */
    static Graphics2D smooth(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }

    /**
     * Baseline JPEG bytes at {@code quality} (0..1, ImageIO's scale: 0.9 is about libjpeg's 90),
     * 4:2:0 chroma subsampling as ImageIO's default. The same pixels give the same bytes.
     */
    static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A colour as {@code #rrggbb}. */
    static String hex(Color color) {
        return String.format(Locale.ROOT, "#%06x", color.getRGB() & 0xFFFFFF);
    }

    /** A fraction with two decimals, {@code Locale.ROOT}. */
    static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static int clamp255(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }
}
