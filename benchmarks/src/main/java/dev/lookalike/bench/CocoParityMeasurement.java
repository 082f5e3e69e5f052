package dev.lookalike.bench;

import dev.lookalike.image.DecodeOptions;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.npy.NpyArray;
import dev.lookalike.preprocess.Preprocessor;
import dev.lookalike.preprocess.PreprocessorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Decoding and preprocessing parity with PIL over every COCO photo of a folder (the 256 of
 * ../shared/data/coco/images), plus timings, against the goldens that
 * {@code make_image_fixtures.py --coco-goldens GOLDENS} writes (see docs/preprocessing.md). Run from the repository
 * root: {@code java -cp benchmarks/target/lookalike-benchmarks.jar dev.lookalike.bench.CocoParityMeasurement GOLDENS
 * [COCO_DIR]}; the models' preprocessor configs are the fixtures' ({@code core/src/test/resources/fixtures/configs}).
 */
public final class CocoParityMeasurement {

    private static final Path CONFIGS = Path.of("core", "src", "test", "resources", "fixtures", "configs");

    private CocoParityMeasurement() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path coco = Path.of(args.length > 1 ? args[1] : "../shared/data/coco/images");
        List<Path> photos;
        try (Stream<Path> files = Files.walk(coco)) {
            photos = files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        ImageDecoder decoder = new ImageDecoder(new DecodeOptions(false, 100_000_000L));
        Preprocessor clip = preprocessor("clip");
        Preprocessor dino = preprocessor("dinov2");
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
        System.out.printf(
                "COCO parity over %d photos: %d of %d samples differ, max abs diff %d;"
                        + " preprocess max abs diff clip %g, dinov2 %g%n",
                photos.size(), differing, samples, maxPixelDiff, maxClip, maxDino);
        time(photos, decoder, clip, dino);
    }

    private static Preprocessor preprocessor(String model) throws IOException {
        return new Preprocessor(PreprocessorConfig.read(CONFIGS.resolve(model).resolve("preprocessor_config.json")));
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
            System.out.printf(
                    "round %d, per image: decode %.2f ms, preprocess clip %.2f ms, dinov2 %.2f ms%n",
                    round,
                    decodeNanos / 1e6 / photos.size(),
                    clipNanos / 1e6 / photos.size(),
                    dinoNanos / 1e6 / photos.size());
        }
    }

    private static float maxAbsDiff(float[] actual, Path golden) throws IOException {
        float[] expected = NpyArray.read(golden).data();
        if (expected.length != actual.length) {
            throw new IllegalStateException(
                    golden + ": " + expected.length + " values, lookalike made " + actual.length);
        }
        float max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - expected[i]));
        }
        return max;
    }
}
