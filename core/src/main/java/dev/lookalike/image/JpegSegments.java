package dev.lookalike.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The marker segments of a JPEG stream's header: removing embedded ICC profiles (APP2
 * {@code ICC_PROFILE}) and finding the EXIF block (APP1 {@code Exif}).
 *
 * <p>PIL's {@code convert("RGB")} ignores ICC profiles while ImageIO readers apply them; dropping
 * the segments before decoding makes both produce the same pixels. Everything else, the Adobe
 * APP14 colour transform flag included, is kept byte for byte.
 */
final class JpegSegments {

    private static final int APP1 = 0xE1;
    private static final int APP2 = 0xE2;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;
    private static final byte[] ICC_TAG = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXIF_TAG = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);

    /** Sees one segment: its marker and its bytes [start, end), the 0xFF marker byte included. */
    @FunctionalInterface
    private interface SegmentVisitor {
        /** Returns false to stop the walk. */
        boolean visit(int marker, int start, int end);
    }

    /** The outcome of looking for the EXIF block: where its TIFF data lies, or why it was not found. */
    record Exif(int tiffStart, int tiffEnd, boolean malformedHeader) {
        static final Exif NONE = new Exif(-1, -1, false);
        static final Exif MALFORMED = new Exif(-1, -1, true);

        boolean found() {
            return tiffStart >= 0;
        }
    }

    private JpegSegments() {}

    static boolean isJpeg(byte[] bytes) {
        return bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8;
    }

    /** The stream without ICC segments; the input itself when it has none or is malformed. */
    static byte[] withoutIccProfile(byte[] jpeg) {
        ByteArrayOutputStream[] out = {null};
        int[] copiedUpTo = {0};
        walk(jpeg, (marker, start, end) -> {
            if (marker == APP2 && startsWith(jpeg, start + 4, end, ICC_TAG, false)) {
                if (out[0] == null) {
                    out[0] = new ByteArrayOutputStream(jpeg.length);
                }
                out[0].write(jpeg, copiedUpTo[0], start - copiedUpTo[0]);
                copiedUpTo[0] = end;
            }
            return true;
        });
        if (out[0] == null) {
            return jpeg;
        }
        out[0].write(jpeg, copiedUpTo[0], jpeg.length - copiedUpTo[0]);
        return out[0].toByteArray();
    }

    /**
     * The TIFF data of the first APP1 segment whose payload starts "Exif\0\0" (in any letter case,
     * as metadata-extractor accepts it), before the scan data.
     */
    static Exif exif(byte[] jpeg) {
        Exif[] found = {Exif.NONE};
        boolean complete = walk(jpeg, (marker, start, end) -> {
            if (marker == APP1 && startsWith(jpeg, start + 4, end, EXIF_TAG, true)) {
                found[0] = new Exif(start + 4 + EXIF_TAG.length, end, false);
                return false;
            }
            return true;
        });
        return complete || found[0].found() ? found[0] : Exif.MALFORMED;
    }

    /**
     * Visits the header segments up to the scan data; false when the walk ended on bytes that are
     * not a well-formed segment rather than at SOS, EOI or a visitor's request.
     */
    private static boolean walk(byte[] jpeg, SegmentVisitor visitor) {
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == SOS || marker == EOI) {
                return true;
            }
            if (marker == 0xFF || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos++;
                continue;
            }
            int end = pos + 2 + (((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF));
            if (end > jpeg.length) {
                return false;
            }
            if (!visitor.visit(marker, pos, end)) {
                return true;
            }
            pos = end;
        }
        return false;
    }

    private static boolean startsWith(byte[] jpeg, int from, int end, byte[] tag, boolean ignoreCase) {
        if (end - from < tag.length) {
            return false;
        }
        for (int i = 0; i < tag.length; i++) {
            int a = jpeg[from + i];
            int b = tag[i];
            if (a != b && !(ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b))) {
                return false;
            }
        }
        return true;
    }
}
