package dev.lookalike.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The child process of {@link IndexStoreCrashTest}: indexes files {@code 0 .. count-1} in batches, skipping those
 * already stored with the same size and time (a resumed run), and prints {@code committed N} after each commit.
 *
 * <p>Arguments: index directory, file count, batch size.
 */
public final class CrashWriterMain {

    public static void main(String[] args) throws Exception {
        run(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                done -> System.out.println("committed " + done));
    }

    /** Indexes files {@code 0 .. count-1}, calling {@code onCommit} with the files done after each commit. */
    static void run(Path dir, int count, int batchSize, IntConsumer onCommit) throws IOException {
        try (IndexStore store = IndexStore.openOrCreate(dir, "/photos", "test")) {
            store.registerModel(StoreFixtures.CLIP);
            store.registerModel(StoreFixtures.DINO);
            Map<String, StoredFile> done = store.files();
            int i = 0;
            while (i < count) {
                try (WriteBatch batch = store.beginBatch()) {
                    for (; i < count && batch.size() < batchSize; i++) {
                        StoredFile stored = done.get(StoreFixtures.path(i));
                        if (stored == null || !stored.record().sameStamp(1000L + i, 1_700_000_000_000L + i)) {
                            StoreFixtures.write(batch, i);
                        }
                    }
                    batch.commit();
                }
                onCommit.accept(i);
            }
        }
    }
}
