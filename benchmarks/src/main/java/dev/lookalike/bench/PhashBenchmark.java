package dev.lookalike.bench;

import dev.lookalike.hash.PerceptualHash;
import dev.lookalike.image.DecodeOptions;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.BuiltinModels;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.PerceptualHashModel;
import dev.lookalike.pipeline.EmbeddingPipeline;
import dev.lookalike.preprocess.Luma;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The perceptual hash's extraction throughput: per stage on one thread (decode, grayscale thumbnail,
 * DCT and bits), and the whole {@code embed}/{@code index} pipeline from the files. Each figure is
 * the best of a few rounds. Usage:
 * <pre>java -cp benchmarks/target/lookalike-benchmarks.jar dev.lookalike.bench.PhashBenchmark
 *     IMAGES_DIR [ROUNDS] [BATCH] [WORKERS]</pre>
 * The anchor, PIL and scipy on the same photos: {@code tools/fixtures/make_phash_fixtures.py --time}.
 */
public final class PhashBenchmark {

    private PhashBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int workers = args.length > 3
                ? Integer.parseInt(args[3])
                : Runtime.getRuntime().availableProcessors();
        List<Path> files = images(dir);
        ImageDecoder decoder = new ImageDecoder(DecodeOptions.DEFAULT);
        List<DecodedImage> decoded = new ArrayList<>();
        for (Path file : files) {
            decoded.add(decoder.decode(file));
        }
        List<byte[]> thumbnails = decoded.stream()
                .map(i -> Luma.thumbnail(i, PerceptualHash.THUMBNAIL_SIZE))
                .toList();
        System.out.printf(
                Locale.ROOT,
                "%d images from %s, %d cores, Java %s; best of %d rounds%n",
                files.size(),
                dir,
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                rounds);
        report("decode (1 thread)", files.size(), rounds, () -> {
            for (Path file : files) {
                decoder.decode(file);
            }
        });
        report(
                "thumbnail: L + LANCZOS 32x32",
                files.size(),
                rounds,
                () -> decoded.forEach(image -> Luma.thumbnail(image, PerceptualHash.THUMBNAIL_SIZE)));
        report("DCT + median bits", files.size(), rounds, () -> thumbnails.forEach(PerceptualHash::ofThumbnail));
        report("hash alone (thumbnail + DCT)", files.size(), rounds, () -> decoded.forEach(PerceptualHash::of));
        report("decode + hash (1 thread)", files.size(), rounds, () -> {
            for (Path file : files) {
                PerceptualHash.of(decoder.decode(file));
            }
        });
        try (ImageModel phash = new PerceptualHashModel(BuiltinModels.PHASH);
                EmbeddingPipeline pipeline = new EmbeddingPipeline(List.of(phash), decoder, batch, workers)) {
            report(
                    "pipeline from files (batch " + batch + ", " + workers + " workers)",
                    files.size(),
                    rounds,
                    () -> pipeline.run(files.iterator(), item -> {
                        if (!item.ok()) {
                            throw new IllegalStateException(item.error().orElseThrow());
                        }
                    }));
        }
    }

    private static void report(String what, int count, int rounds, Work work) throws Exception {
        long best = Long.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf(
                Locale.ROOT, "%-48s %9.1f img/s %8.3f ms/img%n", what, count / (best / 1e9), best / 1e6 / count);
    }

    private static List<Path> images(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".jpg"))
                    .sorted()
                    .toList();
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }
}
