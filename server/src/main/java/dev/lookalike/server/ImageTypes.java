package dev.lookalike.server;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The media type of an image file from its first bytes, so an image is served as what it is whatever its name. */
final class ImageTypes {

    /** How many first bytes {@link #of} needs. */
    static final int HEADER_BYTES = 12;

    private ImageTypes() {}

    static String of(byte[] bytes) {
        if (startsWith(bytes, 0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return "image/jpeg";
        } else if (startsWith(bytes, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G'})) {
            return "image/png";
        } else if (startsWith(bytes, 0, ascii("GIF8"))) {
            return "image/gif";
        } else if (startsWith(bytes, 0, ascii("BM"))) {
            return "image/bmp";
        } else if (startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))) {
            return "image/webp";
        }
        return "application/octet-stream";
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length >= offset + prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }
}
