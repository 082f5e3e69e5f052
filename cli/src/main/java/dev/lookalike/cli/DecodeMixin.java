package dev.lookalike.cli;

import dev.lookalike.image.DecodeMode;
import dev.lookalike.image.DecodeOptions;
import picocli.CommandLine.Option;

/** How image files are decoded: EXIF orientation, the decompression-bomb limit, exact or fast. */
final class DecodeMixin {

    @Option(
            names = "--no-exif-orientation",
            description = "Ignore EXIF orientation, as the reference pipeline (PIL) does.")
    boolean noExifOrientation;

    @Option(
            names = "--max-pixels",
            paramLabel = "N",
            defaultValue = "100000000",
            description = "Refuse images with more pixels than this, before decoding (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(
            names = "--decode",
            paramLabel = "MODE",
            defaultValue = "exact",
            description = "exact: the reference pipeline's pixels (default); fast: JPEGs scaled down 2, 4 or 8 times"
                    + " while decoding, keeping twice the models' resize target (several times faster on"
                    + " camera photos, embeddings move slightly; an index keeps one mode).")
    String decode;

    DecodeOptions options() {
        if (maxPixels < 1) {
            throw new UsageException("--max-pixels must be positive, got " + maxPixels);
        }
        return new DecodeOptions(
                !noExifOrientation, maxPixels, UsageException.checking(() -> DecodeMode.fromLabel(decode)));
    }
}
