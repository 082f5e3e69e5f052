package dev.lookalike.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes JPEG, PNG, BMP, GIF (first frame) and WebP files to 8-bit RGB with the pixel values of
 * PIL's {@code Image.open(f).convert("RGB")}, optionally applying the EXIF orientation.
 *
 * <p>JPEGs are decoded by libjpeg-turbo, the decoder PIL uses, when it is installed (see
 * {@link #jpegDecoder()}); otherwise, and for CMYK JPEGs and the other formats, by ImageIO, with
 * the same pixels. In {@link DecodeMode#FAST} libjpeg-turbo also scales JPEGs down while decoding.
 *
 * <p>Thread-safe: every call uses its own decompressor or ImageIO reader.
 */
public final class ImageDecoder {

    /** The resize target fast decoding keeps twice over unless told the models' own: DINOv2's 256. */
    public static final int DEFAULT_RESIZE_EDGE = 256;

    private static final int[] SCALES = {8, 4, 2};

    static {
        // Decode from memory; ImageIO's disk cache would write temporary files for every stream.
        ImageIO.setUseCache(false);
    }

    /** 8-bit sRGB samples interleaved R, G, B in one byte array. */
    private static final ImageTypeSpecifier RGB_BYTES = ImageTypeSpecifier.createInterleaved(
            ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {0, 1, 2}, DataBuffer.TYPE_BYTE, false, false);

    private final DecodeOptions options;
    /** libjpeg-turbo, or null to decode JPEGs with ImageIO. */
    private final TurboJpeg turboJpeg;

    private final int resizeEdge;

    /** A decoder with {@link DecodeOptions#DEFAULT}. */
    public ImageDecoder() {
        this(DecodeOptions.DEFAULT);
    }

    public ImageDecoder(DecodeOptions options) {
        this(options, TurboJpegLoader.turboJpeg().orElse(null), DEFAULT_RESIZE_EDGE);
    }

    /** A decoder that uses {@code turboJpeg} for JPEGs, or ImageIO when it is null. */
    ImageDecoder(DecodeOptions options, TurboJpeg turboJpeg, int resizeEdge) {
        this.options = Objects.requireNonNull(options, "options");
        this.turboJpeg = turboJpeg;
        if (resizeEdge < 1) {
            throw new IllegalArgumentException("resize edge must be positive: " + resizeEdge);
        }
        this.resizeEdge = resizeEdge;
    }

    /**
     * This decoder for models that resize the short side to at most {@code edge} pixels: in
     * {@link DecodeMode#FAST}, JPEGs keep at least {@code 2 * edge} pixels on their short side.
     */
    public ImageDecoder forResizeEdge(int edge) {
        return edge == resizeEdge ? this : new ImageDecoder(options, turboJpeg, edge);
    }

    public DecodeOptions options() {
        return options;
    }

    /** Whether JPEGs are decoded by libjpeg-turbo (and so scaled in {@link DecodeMode#FAST}). */
    public boolean usesLibjpegTurbo() {
        return turboJpeg != null;
    }

    /** What decodes JPEGs here: libjpeg-turbo and where it was found, or ImageIO and why. */
    public String jpegDecoder() {
        return turboJpeg != null
                ? turboJpeg.description()
                : "ImageIO ("
                        + (TurboJpegLoader.unavailableReason().isEmpty()
                                ? "chosen"
                                : TurboJpegLoader.unavailableReason())
                        + ")";
    }

    /** Decodes an image file. */
    public DecodedImage decode(Path file) throws ImageDecodeException {
        return decode(readFile(file), file);
    }

    /**
     * Reads an image file's bytes, with the same one-line errors as {@link #decode(Path)}: for
     * callers that also need the bytes (to hash them, say) and then call {@link #decode(byte[], Path)}.
     */
    public static byte[] readFile(Path file) throws ImageDecodeException {
        if (Files.isDirectory(file)) {
            throw new ImageDecodeException(file, "is a directory, not an image file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageDecodeException(file, "no such file", e);
        } catch (IOException e) {
            throw new ImageDecodeException(file, "cannot read the file: " + e, e);
        }
        return bytes;
    }

    /**
     * Decodes an encoded image held in memory (an upload, for instance).
     *
     * @param name what error messages call the image, typically the original file name
     */
    public DecodedImage decode(byte[] bytes, String name) throws ImageDecodeException {
        return decode(bytes, Path.of(name));
    }

    /**
     * Decodes an encoded image held in memory that came from {@code file}.
     *
     * @param file what error messages name
     */
    public DecodedImage decode(byte[] bytes, Path file) throws ImageDecodeException {
        if (bytes.length == 0) {
            throw new ImageDecodeException(file, "empty file");
        }
        boolean jpeg = JpegSegments.isJpeg(bytes);
        DecodedImage image = jpeg && turboJpeg != null ? decodeTurbo(bytes, file) : null;
        if (image == null) {
            image = decodePixels(jpeg ? JpegSegments.withoutIccProfile(bytes) : bytes, file);
        }
        return options.applyExifOrientation() ? ExifOrientation.apply(image, ExifOrientation.read(bytes)) : image;
    }

    /** libjpeg-turbo's pixels; null for a CMYK or YCCK JPEG, which PIL converts its own way. */
    private DecodedImage decodeTurbo(byte[] bytes, Path file) throws ImageDecodeException {
        try {
            TurboJpeg.Header header = turboJpeg.header(bytes);
            checkSize(header.width(), header.height(), file);
            if (!header.plainRgb()) {
                return null;
            }
            int scale = scale(header.width(), header.height());
            int width = ceilDiv(header.width(), scale);
            int height = ceilDiv(header.height(), scale);
            byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
            if (turboJpeg.decode(bytes, width, height, rgb) == TurboJpeg.Outcome.TRUNCATED) {
                throw new ImageDecodeException(file, "truncated JPEG data");
            }
            return new DecodedImage(width, height, rgb);
        } catch (IllegalArgumentException e) {
            throw new ImageDecodeException(file, "corrupt or truncated image data (" + e.getMessage() + ")", e);
        }
    }

    /** 1 when exact; in fast mode the largest DCT scaling divisor that keeps twice the resize edge. */
    private int scale(int width, int height) {
        if (options.mode() == DecodeMode.EXACT) {
            return 1;
        }
        int shortSide = Math.min(width, height);
        for (int scale : SCALES) {
            if (ceilDiv(shortSide, scale) >= 2L * resizeEdge) {
                return scale;
            }
        }
        return 1;
    }

    private static int ceilDiv(int size, int divisor) {
        return (size + divisor - 1) / divisor;
    }

    private DecodedImage decodePixels(byte[] bytes, Path file) throws ImageDecodeException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(in, file);
            try {
                reader.setInput(in);
                checkSize(reader.getWidth(0), reader.getHeight(0), file);
                TruncationWatch watch = new TruncationWatch();
                reader.addIIOReadWarningListener(watch);
                DecodedImage image = read(reader, file);
                if (watch.truncated) {
                    throw new ImageDecodeException(file, "truncated " + format(reader) + " data");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException(file, "corrupt or truncated image data (" + rootMessage(e) + ")", e);
        }
    }

    private static ImageReader readerFor(ImageInputStream in, Path file) throws ImageDecodeException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new ImageDecodeException(file, "not a supported image format (JPEG, PNG, BMP, GIF or WebP expected)");
        }
        return readers.next();
    }

    private void checkSize(int width, int height, Path file) throws ImageDecodeException {
        long pixels = (long) width * height;
        if (pixels > options.maxPixels()) {
            throw new ImageTooLargeException(
                    file,
                    "image is " + width + "x" + height + " = " + pixels + " pixels, over the limit of "
                            + options.maxPixels() + " (decompression bomb guard)");
        }
    }

    private static DecodedImage read(ImageReader reader, Path file) throws IOException {
        if (isCmyk(reader)) {
            // Read the raw inks: a CMYK image from ImageIO has been through a colour profile, PIL's has not.
            return RgbConversion.fromJpegCmyk(reader.readRaster(0, null));
        }
        BufferedImage image = reader.read(0, readParam(reader));
        DecodedImage rgb = RgbConversion.toRgb(image);
        if (rgb == null) {
            throw new ImageDecodeException(
                    file,
                    "unsupported " + format(reader) + " colour model: "
                            + image.getColorModel().getColorSpace().getType() + " with "
                            + image.getColorModel().getNumComponents() + " components");
        }
        return rgb;
    }

    /**
     * For a JPEG that decodes to {@code TYPE_3BYTE_BGR}, a destination with the same sRGB colour
     * model but bytes in R, G, B order: libjpeg's scanlines are then copied row by row instead
     * of pixel by pixel with a swap, and the image's array is already the RGB we return. The
     * values are the same, since the colour space is unchanged and nothing is converted.
     */
    static ImageReadParam readParam(ImageReader reader) throws IOException {
        ImageReadParam param = reader.getDefaultReadParam();
        if (format(reader).equals("JPEG") && defaultType(reader) == BufferedImage.TYPE_3BYTE_BGR) {
            param.setDestination(RGB_BYTES.createBufferedImage(reader.getWidth(0), reader.getHeight(0)));
        }
        return param;
    }

    private static int defaultType(ImageReader reader) throws IOException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        return types.hasNext() ? types.next().getBufferedImageType() : BufferedImage.TYPE_CUSTOM;
    }

    private static boolean isCmyk(ImageReader reader) throws IOException {
        ImageTypeSpecifier raw = reader.getRawImageType(0);
        return raw != null && raw.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_CMYK;
    }

    private static String format(ImageReader reader) throws IOException {
        return reader.getFormatName().toUpperCase(java.util.Locale.ROOT);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if (cause != e && e.getMessage() != null && e instanceof IIOException) {
            message = e.getMessage() + ": " + message;
        }
        return message == null ? cause.getClass().getSimpleName() : message.replace('\n', ' ');
    }

    /** Notices the warning ImageIO's JPEG reader gives instead of failing on a cut-off file. */
    private static final class TruncationWatch implements IIOReadWarningListener {
        private volatile boolean truncated;

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            String text = warning.toLowerCase(java.util.Locale.ROOT);
            if (text.contains("premature end") || text.contains("truncat")) {
                truncated = true;
            }
        }
    }
}
