package dev.lookalike.image;

import java.io.ByteArrayOutputStream;

/**
 * Removes embedded ICC profiles (APP2 {@code ICC_PROFILE} segments) from a JPEG stream.
 *
 * <p>PIL's {@code convert("RGB")} ignores ICC profiles while ImageIO readers apply them; dropping
 * the segments before decoding makes both produce the same pixels. Everything else, the Adobe
 * APP14 colour transform flag included, is kept byte for byte.
 */
final class JpegSegments {

    private static final int APP2 = 0xE2;
    private static final int SOS = 0xDA;
    private static final byte[] ICC_TAG = "ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private JpegSegments() {
    }

    static boolean isJpeg(byte[] bytes) {
        return bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8;
    }

    /** The stream without ICC segments; the input itself when it has none or is malformed. */
    static byte[] withoutIccProfile(byte[] jpeg) {
        ByteArrayOutputStream out = null;
        int copiedUpTo = 0;
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == SOS || marker == 0xD9) {
                break;
            }
            if (marker == 0xFF || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos++;
                continue;
            }
            int end = pos + 2 + (((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF));
            if (end > jpeg.length) {
                break;
            }
            if (marker == APP2 && hasIccTag(jpeg, pos + 4, end)) {
                if (out == null) {
                    out = new ByteArrayOutputStream(jpeg.length);
                }
                out.write(jpeg, copiedUpTo, pos - copiedUpTo);
                copiedUpTo = end;
            }
            pos = end;
        }
        if (out == null) {
            return jpeg;
        }
        out.write(jpeg, copiedUpTo, jpeg.length - copiedUpTo);
        return out.toByteArray();
    }

    private static boolean hasIccTag(byte[] jpeg, int from, int end) {
        if (end - from < ICC_TAG.length) {
            return false;
        }
        for (int i = 0; i < ICC_TAG.length; i++) {
            if (jpeg[from + i] != ICC_TAG[i]) {
                return false;
            }
        }
        return true;
    }
}
