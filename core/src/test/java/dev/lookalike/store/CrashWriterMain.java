package dev.lookalike.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The child process of {@link IndexStoreCrashTest}: indexes files {@code 0 .. count-1} in batches, skipping those
 * already stored with the same size and time (a resumed run), and prints {@code committed N} after each commit.
 * Given a number of batches to stop after, it commits that many in this run, then writes half of the next batch
 * without committing it, prints {@code stopped N} (N: the files done by the last commit) and waits to be killed.
 *
 * <p>Arguments: index directory, file count, batch size[, batches to stop after].
 */
public final class CrashWriterMain {

    public static void main(String[] args) throws Exception {
        int stopAfter = args.length > 3 ? Integer.parseInt(args[3]) : -1;
        run(
                Path.of(args[0]),
                Integer.parseInt(args[1]),
                Integer.parseInt(args[2]),
                stopAfter,
                done -> System.out.println("committed " + done));
    }

    /** Indexes files {@code 0 .. count-1}, calling {@code onCommit} with the files done after each commit. */
    static void run(Path dir, int count, int batchSize, IntConsumer onCommit) throws IOException {
        run(dir, count, batchSize, -1, onCommit);
    }

    private static void run(Path dir, int count, int batchSize, int stopAfter, IntConsumer onCommit)
            throws IOException {
        try (IndexStore store = IndexStore.openOrCreate(dir, "/photos", "test")) {
            store.registerModel(StoreFixtures.CLIP);
            store.registerModel(StoreFixtures.DINO);
            Map<String, StoredFile> done = store.files();
            int i = 0;
            for (int batches = 0; i < count; batches++) {
                try (WriteBatch batch = store.beginBatch()) {
                    int limit = batches == stopAfter ? batchSize / 2 : batchSize;
                    int committed = i;
                    for (; i < count && batch.size() < limit; i++) {
                        StoredFile stored = done.get(StoreFixtures.path(i));
                        if (stored == null || !stored.record().sameStamp(1000L + i, 1_700_000_000_000L + i)) {
                            StoreFixtures.write(batch, i);
                        }
                    }
                    if (batches == stopAfter) {
                        stop(committed);
                    }
                    batch.commit();
                }
                onCommit.accept(i);
            }
        }
    }

    /** Reports the stop and waits, a batch half written, for the kill. */
    private static void stop(int committed) {
        System.out.println("stopped " + committed);
        System.out.flush();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
