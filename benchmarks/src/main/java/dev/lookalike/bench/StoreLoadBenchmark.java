package dev.lookalike.bench;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.store.FileRecord;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredVectors;
import dev.lookalike.store.WriteBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Times writing N x 768 vectors in batches of 64 through {@link IndexStore} and loading them back, next
 * to the floor of an append-only float32 file (fsync per batch, one sequential read).
 *
 * <p>Run: {@code java -cp benchmarks/target/lookalike-benchmarks.jar dev.lookalike.bench.StoreLoadBenchmark TMPDIR [N]}
 */
public final class StoreLoadBenchmark {

    private static final int DIMENSION = 768;
    private static final int BATCH = 64;

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory(Path.of(args[0]), "bench");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        SplittableRandom random = new SplittableRandom(42);
        float[][] batch = new float[BATCH][DIMENSION];
        ModelIdentity model = new ModelIdentity("dinov2", "0".repeat(64), "last_hidden_state", "mean", DIMENSION);

        long start = System.nanoTime();
        try (IndexStore store = IndexStore.create(dir.resolve("index"), "/bench", "bench")) {
            store.registerModel(model);
            for (int done = 0; done < count; done += BATCH) {
                try (WriteBatch writes = store.beginBatch()) {
                    for (int i = 0; i < BATCH && done + i < count; i++) {
                        fill(batch[i], random);
                        String path = String.format("img/%07d.jpg", done + i);
                        writes.putFile(FileRecord.ok(path, 1, 1, "f".repeat(64), 1, 1), Map.of("dinov2", batch[i]));
                    }
                    writes.commit();
                }
            }
        }
        long written = System.nanoTime();
        try (IndexStore store = IndexStore.open(dir.resolve("index"), IndexStore.Access.READ_ONLY)) {
            StoredVectors vectors = store.vectors("dinov2");
            long loaded = System.nanoTime();
            System.out.printf(
                    "store: write %d x %d in batches of %d: %.0f ms; open + load all: %.0f ms;" + " %d bytes on disk%n",
                    vectors.count(),
                    DIMENSION,
                    BATCH,
                    (written - start) / 1e6,
                    (loaded - written) / 1e6,
                    store.info().bytesOnDisk());
        }
        flatFileFloor(dir.resolve("vectors.f32"), count, random);
    }

    private static void flatFileFloor(Path file, int count, SplittableRandom random) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(BATCH * DIMENSION * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[DIMENSION];
        long start = System.nanoTime();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int done = 0; done < count; done += BATCH) {
                bytes.clear();
                for (int i = 0; i < BATCH && done + i < count; i++) {
                    fill(vector, random);
                    bytes.asFloatBuffer().put(vector);
                    bytes.position(bytes.position() + DIMENSION * Float.BYTES);
                }
                bytes.flip();
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(false);
            }
        }
        long written = System.nanoTime();
        float[] all = new float[count * DIMENSION];
        try (FileChannel in = FileChannel.open(file)) {
            in.map(FileChannel.MapMode.READ_ONLY, 0, in.size())
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .get(all);
        }
        long loaded = System.nanoTime();
        System.out.printf(
                "flat file floor: write %.0f ms; load all: %.0f ms; %d bytes%n",
                (written - start) / 1e6, (loaded - written) / 1e6, Files.size(file));
    }

    private static void fill(float[] vector, SplittableRandom random) {
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
    }
}
