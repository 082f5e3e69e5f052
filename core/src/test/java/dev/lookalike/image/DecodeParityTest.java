package dev.lookalike.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.npy.NpyArray;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture image decodes to PIL's {@code Image.open(f).convert("RGB")} pixels, with JPEGs
 * decoded by libjpeg-turbo (where installed) and by the ImageIO fallback.
 */
class DecodeParityTest {

    /** Lossy WebP: TwelveMonkeys' VP8 decoder is not libwebp; measured max 10 (docs/preprocessing.md). */
    private static final Set<String> APPROXIMATE = Set.of("lossy.webp");

    private static final int LOSSY_WEBP_MAX_DIFF = 12;
    private static final DecodeOptions AS_STORED = new DecodeOptions(false, 100_000_000L);

    static Stream<Arguments> images() {
        return Stream.of("libjpeg-turbo", "ImageIO")
                .flatMap(backend -> ImageFixtures.imageNames().stream().map(name -> Arguments.of(backend, name)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("images")
    void decodesLikePil(String backend, String name) throws IOException {
        TurboJpeg turbo = backend.equals("ImageIO") ? null : LargeJpegDecodeTest.turboJpeg();
        ImageDecoder decoder = new ImageDecoder(AS_STORED, turbo, ImageDecoder.DEFAULT_RESIZE_EDGE);
        DecodedImage image = decoder.decode(ImageFixtures.path("images/" + name));
        NpyArray expected = ImageFixtures.pilPixels(ImageFixtures.stem(name));

        assertArrayEquals(new int[] {image.height(), image.width(), 3}, expected.shape(), name + " shape");
        PixelDiff diff = PixelDiff.of(image, expected);
        if (APPROXIMATE.contains(name)) {
            assertTrue(diff.maxAbs() <= LOSSY_WEBP_MAX_DIFF, name + ": " + diff);
        } else {
            assertTrue(diff.differing() == 0, name + ": " + diff);
        }
    }

    /** How far decoded pixels are from PIL's. */
    record PixelDiff(long differing, long total, int maxAbs) {

        static PixelDiff of(DecodedImage image, NpyArray expected) {
            byte[] rgb = image.rgb();
            float[] want = expected.data();
            long differing = 0;
            int maxAbs = 0;
            for (int i = 0; i < rgb.length; i++) {
                int d = Math.abs((rgb[i] & 0xFF) - (int) want[i]);
                if (d != 0) {
                    differing++;
                    maxAbs = Math.max(maxAbs, d);
                }
            }
            return new PixelDiff(differing, rgb.length, maxAbs);
        }

        @Override
        public String toString() {
            return differing + " of " + total + " samples differ, max abs diff " + maxAbs;
        }
    }
}
