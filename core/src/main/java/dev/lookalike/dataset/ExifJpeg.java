package dev.lookalike.dataset;

import java.io.ByteArrayOutputStream;

/**
 * Puts an EXIF block holding only an orientation tag into a JPEG: an APP1 segment right after
 * SOI, in place of the JFIF APP0 segment ImageIO writes (EXIF files have no JFIF segment).
 */
final class ExifJpeg {

    private static final int TAG_ORIENTATION = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifJpeg() {}

    /** {@code jpeg} with orientation {@code orientation} (1..8). */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("EXIF orientation must be in 1..8: " + orientation);
        }
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new IllegalArgumentException("not a JPEG: it does not start with SOI");
        }
        int rest = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) { // skip JFIF APP0
            rest = 4 + ((jpeg[4] & 0xFF) << 8 | jpeg[5] & 0xFF);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + 64);
        out.write(0xFF);
        out.write(0xD8);
        byte[] app1 = app1(orientation);
        out.write(app1, 0, app1.length);
        out.write(jpeg, rest, jpeg.length - rest);
        return out.toByteArray();
    }

    /** APP1: "Exif\0\0", a big-endian TIFF header, IFD0 with one SHORT entry, no next IFD. */
    private static byte[] app1(int orientation) {
        byte[] tiff = {
            'M',
            'M',
            0,
            42,
            0,
            0,
            0,
            8, // byte order, magic, IFD0 at offset 8
            0,
            1, // one entry
            (byte) (TAG_ORIENTATION >> 8),
            (byte) TAG_ORIENTATION,
            0,
            TYPE_SHORT,
            0,
            0,
            0,
            1,
            0,
            (byte) orientation,
            0,
            0, // the value, left-justified in 4 bytes
            0,
            0,
            0,
            0 // no next IFD
        };
        byte[] header = {'E', 'x', 'i', 'f', 0, 0};
        int length = 2 + header.length + tiff.length;
        byte[] segment = new byte[2 + length];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) 0xE1;
        segment[2] = (byte) (length >> 8);
        segment[3] = (byte) length;
        System.arraycopy(header, 0, segment, 4, header.length);
        System.arraycopy(tiff, 0, segment, 4 + header.length, tiff.length);
        return segment;
    }
}
