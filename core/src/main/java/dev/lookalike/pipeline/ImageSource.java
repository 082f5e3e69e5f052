package dev.lookalike.pipeline;

import dev.lookalike.image.ImageDecodeException;
import dev.lookalike.image.ImageDecoder;
import java.nio.file.Path;

/**
 * Where one image's encoded bytes come from: a local file, or any store the caller reads (a Hadoop
 * file system, an object store). The pipeline reads it on a worker thread.
 */
public interface ImageSource {

    /** The name the outcome and every error message carry. */
    Path path();

    /**
     * The encoded bytes.
     *
     * @throws ImageDecodeException naming {@link #path()} when they cannot be read
     */
    byte[] read() throws ImageDecodeException;

    /** A local file, read with {@link ImageDecoder#readFile}'s one-line errors. */
    static ImageSource file(Path file) {
        return new ImageSource() {
            @Override
            public Path path() {
                return file;
            }

            @Override
            public byte[] read() throws ImageDecodeException {
                return ImageDecoder.readFile(file);
            }
        };
    }
}
