package dev.lookalike.cli;

import dev.lookalike.image.DecodeOptions;
import picocli.CommandLine.Option;

/** How image files are decoded: EXIF orientation and the decompression-bomb limit. */
final class DecodeMixin {

    @Option(names = "--no-exif-orientation",
            description = "Ignore EXIF orientation, as the reference pipeline (PIL) does.")
    boolean noExifOrientation;

    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "100000000",
            description = "Refuse images with more pixels than this, before decoding (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    DecodeOptions options() {
        if (maxPixels < 1) {
            throw new UsageException("--max-pixels must be positive, got " + maxPixels);
        }
        return new DecodeOptions(!noExifOrientation, maxPixels);
    }
}
