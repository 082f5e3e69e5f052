package dev.lookalike.image;

import java.io.IOException;
import java.nio.file.Path;

/** An image file that cannot be decoded: missing, not an image, truncated, corrupt or too large. */
public class ImageDecodeException extends IOException {

    private final Path file;

    public ImageDecodeException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public ImageDecodeException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that could not be decoded. */
    public Path file() {
        return file;
    }
}
