package dev.lookalike.image;

/**
 * Reads the orientation tag (0x0112) of IFD0 from the TIFF data of an EXIF block, for the
 * common, well-formed layout only; anything else is reported as {@link #UNUSUAL} so that the
 * caller can hand it to a complete EXIF parser.
 */
final class TiffOrientation {

    /** The answer for TIFF data this reader does not vouch for. */
    static final int UNUSUAL = -1;

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;
    private static final int ENTRY_BYTES = 12;

    private TiffOrientation() {}

    /**
     * The orientation value in the TIFF data at [start, end) of {@code bytes}: 1 when IFD0 has no
     * orientation tag, {@link #UNUSUAL} when the header or IFD0 is not plainly well formed, the
     * tag appears twice, or it is not a single SHORT.
     */
    static int read(byte[] bytes, int start, int end) {
        if (end - start < 8) {
            return UNUSUAL;
        }
        boolean littleEndian;
        if (bytes[start] == 'I' && bytes[start + 1] == 'I') {
            littleEndian = true;
        } else if (bytes[start] == 'M' && bytes[start + 1] == 'M') {
            littleEndian = false;
        } else {
            return UNUSUAL;
        }
        if (u16(bytes, start + 2, littleEndian) != 42) {
            return UNUSUAL;
        }
        long ifd = start + u32(bytes, start + 4, littleEndian);
        if (ifd < start + 8 || ifd + 2 > end) {
            return UNUSUAL;
        }
        int entries = u16(bytes, (int) ifd, littleEndian);
        int first = (int) ifd + 2;
        if (first + (long) entries * ENTRY_BYTES > end) {
            return UNUSUAL;
        }
        return orientationEntry(bytes, first, entries, littleEndian);
    }

    private static int orientationEntry(byte[] bytes, int first, int entries, boolean littleEndian) {
        int orientation = 1;
        boolean seen = false;
        for (int e = first; e < first + entries * ENTRY_BYTES; e += ENTRY_BYTES) {
            if (u16(bytes, e, littleEndian) != ORIENTATION_TAG) {
                continue;
            }
            if (seen || u16(bytes, e + 2, littleEndian) != TYPE_SHORT || u32(bytes, e + 4, littleEndian) != 1) {
                return UNUSUAL;
            }
            // A single SHORT sits in the first two bytes of the value field in either byte order.
            orientation = u16(bytes, e + 8, littleEndian);
            seen = true;
        }
        return orientation;
    }

    private static int u16(byte[] b, int at, boolean littleEndian) {
        int lo = littleEndian ? b[at] & 0xFF : b[at + 1] & 0xFF;
        int hi = littleEndian ? b[at + 1] & 0xFF : b[at] & 0xFF;
        return hi << 8 | lo;
    }

    private static long u32(byte[] b, int at, boolean littleEndian) {
        long first = u16(b, littleEndian ? at + 2 : at, littleEndian);
        long second = u16(b, littleEndian ? at : at + 2, littleEndian);
        return first << 16 | second;
    }
}
