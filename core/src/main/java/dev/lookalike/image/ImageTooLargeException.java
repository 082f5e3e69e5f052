package dev.lookalike.image;

import java.nio.file.Path;

/** An image with more pixels than {@link DecodeOptions#maxPixels()}, refused before decoding (a decompression bomb guard). */
public final class ImageTooLargeException extends ImageDecodeException {

    public ImageTooLargeException(Path file, String problem) {
        super(file, problem);
    }
}
