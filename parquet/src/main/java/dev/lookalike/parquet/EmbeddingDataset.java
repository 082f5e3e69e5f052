package dev.lookalike.parquet;

import dev.lookalike.io.AtomicFile;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.store.FileStatus;
import dev.lookalike.store.PathOrder;
import dev.lookalike.store.StoredVectors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An embedding dataset in a local directory ({@link DatasetLayout}): what the Spark job writes, and what
 * {@code index export-parquet} and {@code index import-parquet} write and read.
 *
 * <pre>{@code
 * EmbeddingDataset dataset = EmbeddingDataset.open(Path.of("embeddings"));
 * StoredVectors clip = dataset.vectors("clip");   // ok rows, in an index's order
 * }</pre>
 */
public final class EmbeddingDataset {

    /** Receives rows one at a time. */
    @FunctionalInterface
    public interface RowSink {
        void accept(EmbeddingRow row) throws IOException;
    }

    private final Path dir;
    private final DatasetManifest manifest;

    private EmbeddingDataset(Path dir, DatasetManifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /**
     * Opens the dataset in {@code dir}.
     *
     * @throws IOException naming {@code dir} when it has no readable manifest
     */
    public static EmbeddingDataset open(Path dir) throws IOException {
        Path file = dir.resolve(DatasetLayout.MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(
                    dir.toString(),
                    null,
                    Files.isDirectory(dir)
                            ? "not a lookalike embeddings directory: no " + DatasetLayout.MANIFEST + " in it"
                            : "no such directory");
        }
        return new EmbeddingDataset(dir, DatasetManifest.parse(Files.readAllBytes(file), file.toString()));
    }

    /**
     * Creates an empty dataset in {@code dir}, which must not exist or be an empty directory.
     *
     * @throws IOException naming {@code dir} when it holds something already
     */
    public static EmbeddingDataset create(Path dir, DatasetManifest manifest) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(dir + ": exists and is not empty; choose a new or empty directory");
                }
            }
        }
        byte[] json = manifest.toJson();
        AtomicFile.write(dir.resolve(DatasetLayout.MANIFEST), out -> out.write(ByteBuffer.wrap(json)));
        return new EmbeddingDataset(dir, manifest);
    }

    /** The dataset's directory. */
    public Path dir() {
        return dir;
    }

    /** The root and the models. */
    public DatasetManifest manifest() {
        return manifest;
    }

    /** The committed runs' directories, oldest first. */
    public List<Path> committedRuns() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> DatasetLayout.isRunName(p.getFileName().toString()))
                    .filter(p -> Files.isRegularFile(p.resolve(DatasetLayout.SUCCESS)))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }

    /**
     * Reads every row of the committed runs, each path once (a later run's row wins over an earlier one's), in no
     * particular order.
     *
     * @throws IOException naming the part file when one is not readable or holds a bad row
     */
    public void forEachRow(RowSink sink) throws IOException {
        List<Path> runs = new ArrayList<>(committedRuns());
        java.util.Collections.reverse(runs);
        Set<String> seen = new HashSet<>();
        for (Path run : runs) {
            for (Path part : partFiles(run)) {
                PartReader.read(part, manifest.models(), row -> {
                    if (seen.add(row.record().path())) {
                        sink.accept(row);
                    }
                });
            }
        }
    }

    /**
     * Every vector of one model, ordinals in path order (UTF-8 byte order, as an index orders them): what a search or
     * a benchmark takes as its references.
     *
     * @throws IllegalArgumentException when the dataset has no such model
     */
    public StoredVectors vectors(String model) throws IOException {
        ModelIdentity identity = manifest.model(model)
                .orElseThrow(() -> new IllegalArgumentException(dir
                        + " has no model '" + model + "' (it has "
                        + manifest.models().stream().map(ModelIdentity::name).toList() + ")"));
        List<PathVector> rows = new ArrayList<>();
        forEachRow(row -> {
            float[] vector = row.vectors().get(model);
            if (row.record().status() == FileStatus.OK && vector != null) {
                rows.add(new PathVector(
                        PathOrder.key(row.record().path()), row.record().path(), vector));
            }
        });
        rows.sort((a, b) -> PathOrder.compareKeys(a.key, b.key));
        int d = identity.dimension();
        float[] data = new float[Math.multiplyExact(rows.size(), d)];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i).vector, 0, data, i * d, d);
        }
        return new StoredVectors(identity, rows.stream().map(PathVector::path).toList(), data);
    }

    private record PathVector(byte[] key, String path, float[] vector) {}

    /**
     * Starts a new run; its rows become visible when it {@linkplain RunWriter#commit() commits}.
     */
    public RunWriter newRun() throws IOException {
        Path run = dir.resolve(DatasetLayout.newRunName(Instant.now()));
        Files.createDirectory(run);
        return new RunWriter(run, manifest.models());
    }

    static List<Path> partFiles(Path run) throws IOException {
        try (Stream<Path> entries = Files.list(run)) {
            return entries.filter(p -> DatasetLayout.isPartName(p.getFileName().toString()))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }
}
