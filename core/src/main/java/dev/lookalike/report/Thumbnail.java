package dev.lookalike.report;

import java.util.Base64;

/** A small picture of an image for a report, or the reason there is none. */
public sealed interface Thumbnail {

    /**
     * A JPEG thumbnail.
     *
     * @param jpeg   the encoded JPEG bytes (not copied; treat as read-only)
     * @param width  width in pixels
     * @param height height in pixels
     */
    record Image(byte[] jpeg, int width, int height) implements Thumbnail {

        /** The JPEG as a {@code data:image/jpeg;base64,...} URI, so a page can carry it inline. */
        public String dataUri() {
            return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg);
        }
    }

    /**
     * An image that could not be read; a report shows a placeholder instead.
     *
     * @param reason why, as the decoder said it
     */
    record Unreadable(String reason) implements Thumbnail {}
}
