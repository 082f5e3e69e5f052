package dev.lookalike.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lookalike.image.DecodeOptions;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Decoding and preprocessing parity with PIL over all COCO sample photos, plus timings. Runs only
 * when LOOKALIKE_COCO_GOLDENS names the folder written by
 * {@code make_image_fixtures.py --coco-goldens DIR} (see docs/preprocessing.md).
 */
class CocoParityMeasurement {

    private static final Path COCO = Path.of("..", "..", "shared", "data", "coco", "images");

    @Test
    void measure() throws IOException {
        String goldens = System.getenv("LOOKALIKE_COCO_GOLDENS");
        assumeTrue(goldens != null, "set LOOKALIKE_COCO_GOLDENS to run");
        Path dir = Path.of(goldens);
        List<Path> photos;
        try (Stream<Path> files = Files.walk(COCO)) {
            photos = files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        ImageDecoder decoder = new ImageDecoder(new DecodeOptions(false, 100_000_000L));
        Preprocessor clip = PreprocessorGoldenTest.preprocessor("clip");
        Preprocessor dino = PreprocessorGoldenTest.preprocessor("dinov2");
        long differing = 0;
        long samples = 0;
        int maxPixelDiff = 0;
        float maxClip = 0;
        float maxDino = 0;
        for (Path photo : photos) {
            String stem = photo.getFileName().toString().replace(".jpg", "");
            DecodedImage image = decoder.decode(photo);
            float[] pil = NpyArray.read(dir.resolve(stem + ".rgb.npy")).data();
            for (int i = 0; i < pil.length; i++) {
                int d = Math.abs((image.rgb()[i] & 0xFF) - (int) pil[i]);
                differing += d != 0 ? 1 : 0;
                maxPixelDiff = Math.max(maxPixelDiff, d);
            }
            samples += pil.length;
            maxClip = Math.max(maxClip, maxAbsDiff(clip.preprocess(image), dir.resolve(stem + ".clip.npy")));
            maxDino = Math.max(maxDino, maxAbsDiff(dino.preprocess(image), dir.resolve(stem + ".dinov2.npy")));
        }
        System.out.printf("COCO parity over %d photos: %d of %d samples differ, max abs diff %d;"
                + " preprocess max abs diff clip %g, dinov2 %g%n", photos.size(), differing, samples,
                maxPixelDiff, maxClip, maxDino);
        time(photos, decoder, clip, dino);
        assertEquals(photos.size(), 256, "photos found under " + COCO.toAbsolutePath());
    }

    private static void time(List<Path> photos, ImageDecoder decoder, Preprocessor clip, Preprocessor dino)
            throws IOException {
        for (int round = 0; round < 3; round++) {
            long decodeNanos = 0;
            long clipNanos = 0;
            long dinoNanos = 0;
            for (Path photo : photos) {
                long t0 = System.nanoTime();
                DecodedImage image = decoder.decode(photo);
                long t1 = System.nanoTime();
                clip.preprocess(image);
                long t2 = System.nanoTime();
                dino.preprocess(image);
                long t3 = System.nanoTime();
                decodeNanos += t1 - t0;
                clipNanos += t2 - t1;
                dinoNanos += t3 - t2;
            }
            System.out.printf("round %d, per image: decode %.2f ms, preprocess clip %.2f ms, dinov2 %.2f ms%n",
                    round, decodeNanos / 1e6 / photos.size(), clipNanos / 1e6 / photos.size(),
                    dinoNanos / 1e6 / photos.size());
        }
    }

    private static float maxAbsDiff(float[] actual, Path golden) throws IOException {
        float[] expected = NpyArray.read(golden).data();
        assertEquals(expected.length, actual.length, golden.toString());
        float max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - expected[i]));
        }
        return max;
    }
}
