package dev.lookalike.indexing;

import dev.lookalike.image.ImageDecodeException;
import java.io.IOException;

/** An unreadable image in a strict indexing run, which makes it fail. */
public class UnreadableImageException extends IOException {

    public UnreadableImageException(ImageDecodeException cause) {
        super(cause.getMessage() + " (indexing is --strict)", cause);
    }
}
