package dev.lookalike.hash;

import dev.lookalike.image.ImageFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;

/**
 * One row of the ImageHash reference made by tools/fixtures/make_phash_fixtures.py.
 *
 * @param name      the fixture's stem, or the sample COCO photo's file name (samples/coco)
 * @param hash      ImageHash's phash, as its {@code str()} prints it
 * @param margin    min |coefficient - median|: below {@link #ROUNDING} a bit is at the mercy of rounding
 * @param thumbnail PIL's 32x32 L thumbnail (fixtures only; empty for COCO photos)
 */
record PhashReference(String name, long hash, double margin, byte[] thumbnail) {

    /** Coefficients closer than this to the median may fall on either side of it in another DCT implementation. */
    static final double ROUNDING = 1e-6;

    static List<PhashReference> read(String csv) {
        try {
            return Files.readAllLines(ImageFixtures.path("phash/" + csv)).stream()
                    .skip(1)
                    .map(PhashReference::parse)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PhashReference parse(String line) {
        String[] cells = line.split(",", -1);
        byte[] thumbnail = cells.length > 3 ? HexFormat.of().parseHex(cells[3]) : new byte[0];
        return new PhashReference(cells[0], PerceptualHash.parseHex(cells[1]), Double.parseDouble(cells[2]), thumbnail);
    }

    /** Whether a bit may differ from the reference's: the image has a coefficient within rounding of the median. */
    boolean ambiguous() {
        return margin < ROUNDING;
    }
}
