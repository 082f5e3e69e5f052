package dev.lookalike.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Escaping for HTML text and attributes, and links to local files. */
final class Html {

    private static final String HEX = "0123456789ABCDEF";

    private Html() {}

    /**
     * Text safe in element content and in double- or single-quoted attributes. Uses only the
     * entities XML also knows, so the page stays well-formed XML.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(Character.isISOControl(c) && c != '\t' && c != '\n' ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    /**
     * A link from a page in {@code pageDir} to {@code file}: relative when both are on the same
     * file system root, so the page and photos can move together; otherwise a {@code file:} URI.
     */
    static String href(Path pageDir, Path file) {
        Path from = pageDir.toAbsolutePath().normalize();
        Path to = file.toAbsolutePath().normalize();
        if (!from.getRoot().equals(to.getRoot())) {
            return to.toUri().toASCIIString();
        }
        StringBuilder link = new StringBuilder();
        for (Path segment : from.relativize(to)) {
            if (!link.isEmpty()) {
                link.append('/');
            }
            link.append(percentEncode(segment.toString()));
        }
        return link.toString();
    }

    /** Encodes everything but RFC 3986's unreserved characters, so no name can end a path. */
    private static String percentEncode(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (isUnreserved(c)) {
                out.append(c);
            } else {
                out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }
}
