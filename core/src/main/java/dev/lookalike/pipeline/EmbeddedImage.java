package dev.lookalike.pipeline;

import dev.lookalike.image.ImageDecodeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The outcome for one image: its vectors (one per model, in the pipeline's model order) or why it
 * could not be read.
 *
 * @param source  the image file
 * @param size    the file's length in bytes as read (0 when it could not be read)
 * @param sha256  the hex SHA-256 of the bytes read (empty when they could not be read)
 * @param width   decoded width in pixels (0 when it failed)
 * @param height  decoded height in pixels (0 when it failed)
 * @param vectors one vector per model, not normalised; empty when it failed
 * @param error   the decoding problem, when it failed
 */
public record EmbeddedImage(
        Path source,
        long size,
        String sha256,
        int width,
        int height,
        List<float[]> vectors,
        Optional<ImageDecodeException> error) {

    /** Whether the image was decoded and embedded. */
    public boolean ok() {
        return error.isEmpty();
    }
}
