package dev.lookalike.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

/**
 * Decoded rasters to 8-bit RGB the way PIL's {@code convert("RGB")} does it: raw sample values,
 * never through a colour space (ImageIO's {@code getRGB()} turns gray into linear gray), alpha
 * dropped rather than composited, palettes expanded, gray replicated.
 *
 * <p>16-bit samples follow PIL 9's PNG modes: RGB, RGBA and gray+alpha keep the high byte, while
 * plain 16-bit gray opens as mode {@code I} whose conversion clamps values above 255 to 255.
 */
final class RgbConversion {

    private RgbConversion() {}

    /** Returns null when the colour model is not one PIL would turn into RGB this way. */
    static DecodedImage toRgb(BufferedImage image) {
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        if (model instanceof IndexColorModel palette) {
            return fromPalette(raster, palette);
        }
        int colours = model.getNumColorComponents();
        if (colours == 1) {
            return fromGray(raster, model.hasAlpha());
        }
        if (colours == 3 && model.getColorSpace().getType() == ColorSpace.TYPE_RGB) {
            return fromRgb(raster);
        }
        return null;
    }

    /**
     * A CMYK JPEG raster to RGB as PIL does it: the stored inks are inverted (PIL assumes Adobe's
     * convention for every CMYK JPEG), then each channel is (255 - K) scaled down by its ink, in
     * integer arithmetic.
     */
    static DecodedImage fromJpegCmyk(Raster raster) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        byte[] rgb = new byte[w * h * 3];
        int[] row = new int[w * 4];
        int d = 0;
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int i = 0; i < row.length; i += 4) {
                int notBlack = row[i + 3];
                for (int c = 0; c < 3; c++) {
                    rgb[d++] = (byte) (notBlack - mulDiv255(255 - row[i + c], notBlack));
                }
            }
        }
        return new DecodedImage(w, h, rgb);
    }

    private static int mulDiv255(int a, int b) {
        int t = a * b + 128;
        return ((t >> 8) + t) >> 8;
    }

    private static DecodedImage fromPalette(Raster raster, IndexColorModel palette) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int size = palette.getMapSize();
        byte[] reds = new byte[size];
        byte[] greens = new byte[size];
        byte[] blues = new byte[size];
        palette.getReds(reds);
        palette.getGreens(greens);
        palette.getBlues(blues);
        byte[] rgb = new byte[w * h * 3];
        int[] row = new int[w];
        int d = 0;
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int index : row) {
                rgb[d++] = reds[index];
                rgb[d++] = greens[index];
                rgb[d++] = blues[index];
            }
        }
        return new DecodedImage(w, h, rgb);
    }

    private static DecodedImage fromGray(Raster raster, boolean hasAlpha) {
        ByteSamples bytes = ByteSamples.of(raster);
        if (bytes != null) {
            return bytes.toRgb(0, 0, 0);
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bits = raster.getSampleModel().getSampleSize(0);
        byte[] rgb = new byte[w * h * 3];
        int[] row = new int[w];
        int d = 0;
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int sample : row) {
                byte v = (byte) grayTo8Bit(sample, bits, hasAlpha);
                rgb[d++] = v;
                rgb[d++] = v;
                rgb[d++] = v;
            }
        }
        return new DecodedImage(w, h, rgb);
    }

    private static int grayTo8Bit(int sample, int bits, boolean hasAlpha) {
        if (bits == 8) {
            return sample;
        }
        if (bits == 16) {
            return hasAlpha ? sample >> 8 : Math.min(sample, 255);
        }
        return bits < 8 ? sample * 255 / ((1 << bits) - 1) : sample >> (bits - 8);
    }

    private static int colourTo8Bit(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        return bits < 8 ? sample * 255 / ((1 << bits) - 1) : sample >> (bits - 8);
    }

    private static DecodedImage fromRgb(Raster raster) {
        ByteSamples bytes = ByteSamples.of(raster);
        if (bytes != null) {
            return bytes.toRgb(0, 1, 2);
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        int[] bits = raster.getSampleModel().getSampleSize();
        byte[] rgb = new byte[w * h * 3];
        int[] row = new int[w * bands];
        int d = 0;
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int i = 0; i < row.length; i += bands) {
                rgb[d++] = (byte) colourTo8Bit(row[i], bits[0]);
                rgb[d++] = (byte) colourTo8Bit(row[i + 1], bits[1]);
                rgb[d++] = (byte) colourTo8Bit(row[i + 2], bits[2]);
            }
        }
        return new DecodedImage(w, h, rgb);
    }

    /**
     * A raster of 8-bit samples stored pixel-interleaved in one byte array, as the JPEG and most
     * PNG readers produce: read straight from the array, since the per-row {@code getPixels} copy
     * through {@code int[]} costs more than the rest of the conversion.
     */
    private record ByteSamples(
            byte[] data, int origin, int pixelStride, int scanlineStride, int[] bandOffsets, int width, int height) {

        /** The raster's samples, or null when they are not 8-bit bytes interleaved in one bank. */
        static ByteSamples of(Raster raster) {
            if (!(raster.getDataBuffer() instanceof DataBufferByte buffer)
                    || buffer.getNumBanks() != 1
                    || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel model)) {
                return null;
            }
            // A child raster shares its parent's buffer: its pixel (minX, minY) sits at the model's
            // (minX - translateX, minY - translateY).
            int x0 = raster.getMinX() - raster.getSampleModelTranslateX();
            int y0 = raster.getMinY() - raster.getSampleModelTranslateY();
            int origin = buffer.getOffset() + y0 * model.getScanlineStride() + x0 * model.getPixelStride();
            return new ByteSamples(
                    buffer.getData(),
                    origin,
                    model.getPixelStride(),
                    model.getScanlineStride(),
                    model.getBandOffsets(),
                    raster.getWidth(),
                    raster.getHeight());
        }

        /** Interleaved RGB taking red, green and blue from the given bands. */
        DecodedImage toRgb(int redBand, int greenBand, int blueBand) {
            int r = bandOffsets[redBand];
            int g = bandOffsets[greenBand];
            int b = bandOffsets[blueBand];
            if (r == 0
                    && g == 1
                    && b == 2
                    && pixelStride == 3
                    && scanlineStride == width * 3
                    && origin == 0
                    && data.length == width * height * 3) {
                // Already our layout (ImageDecoder asks JPEG readers for it): no copy.
                return new DecodedImage(width, height, data);
            }
            byte[] rgb = new byte[width * height * 3];
            int d = 0;
            for (int y = 0; y < height; y++) {
                int s = origin + y * scanlineStride;
                for (int x = 0; x < width; x++, s += pixelStride) {
                    rgb[d++] = data[s + r];
                    rgb[d++] = data[s + g];
                    rgb[d++] = data[s + b];
                }
            }
            return new DecodedImage(width, height, rgb);
        }
    }
}
