package dev.lookalike.bench;

import dev.lookalike.image.ImageDecoder;
import dev.lookalike.indexing.Indexer;
import dev.lookalike.indexing.IndexingOptions;
import dev.lookalike.indexing.IndexingReport;
import dev.lookalike.model.ImageModel;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.store.IndexStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** What the throughput benchmarks share: the photos they read, and a whole {@code index} run into a new index. */
final class IndexRuns {

    private IndexRuns() {}

    /** The first {@code count} JPEGs under {@code dir}, in path order. */
    static List<Path> jpegs(Path dir, int count) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".jpg"))
                    .sorted()
                    .limit(count)
                    .toList();
        }
    }

    /**
     * A whole {@code index} run (walk, read, hash, decode, preprocess, infer, commit every batch) of {@code images},
     * linked into a new folder, into a new index. The models' ONNX files are hashed first, outside the timed run.
     */
    static IndexingReport intoNewIndex(
            List<? extends ImageModel> models, List<Path> images, ImageDecoder decoder, IndexingOptions options)
            throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("lookalike-bench-photos");
        for (Path image : images) {
            Files.createSymbolicLink(folder.resolve(image.getFileName()), image.toAbsolutePath());
        }
        Path indexDir = Files.createTempDirectory("lookalike-bench-index").resolve("index");
        for (ImageModel model : models) {
            model.identity();
        }
        try (IndexStore store = IndexStore.create(indexDir, folder.toString(), "bench")) {
            return new Indexer(List.copyOf(models), decoder, options).index(folder, store, ProgressReporter.silent());
        }
    }
}
