package dev.lookalike.indexing;

import dev.lookalike.model.ImageModel;
import dev.lookalike.progress.Progress;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.progress.ProgressUnit;
import dev.lookalike.store.IndexStore;
import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link IndexerCrashTest}: indexes a folder with both tiny models in batches of 4, resuming
 * whatever an earlier, killed run committed. Arguments: the folder, the index directory, and how many files to
 * index before it stops: it then prints {@code stopped N} and waits to be killed. The indexer steps its progress
 * after each file's batch is committed when full, so at that point exactly {@code N / 4} whole batches of this run
 * are committed and the rest of the batch in progress is not.
 */
public final class IndexerCrashMain {

    static final int BATCH = 4;

    public static void main(String[] args) throws Exception {
        run(Path.of(args[0]), Path.of(args[1]), new StopAfter(Integer.parseInt(args[2])));
    }

    /** Indexes {@code folder} into {@code index} as the child does; the test's uninterrupted and resumed runs too. */
    static IndexingReport run(Path folder, Path index) throws Exception {
        return run(folder, index, ProgressReporter.silent());
    }

    private static IndexingReport run(Path folder, Path index, ProgressReporter progress) throws Exception {
        List<ImageModel> models = IndexingFixtures.load(IndexingFixtures.bothModels());
        try (IndexStore store = IndexStore.openOrCreate(index, folder.toString(), "test")) {
            return IndexingFixtures.indexer(models, BATCH, false, false).index(folder, store, progress);
        } finally {
            models.forEach(ImageModel::close);
        }
    }

    /** Progress that reports on stdout and blocks forever once {@code files} files are indexed. */
    private record StopAfter(int files) implements ProgressReporter {
        @Override
        public Progress start(String task, long done, long total, ProgressUnit unit) {
            return new Progress() {
                private long indexed;

                @Override
                public void step(long n) {
                    indexed += n;
                    if (indexed == files) {
                        System.out.println("stopped " + indexed);
                        System.out.flush();
                        try {
                            Thread.sleep(Long.MAX_VALUE);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }

                @Override
                public void message(String extra) {}

                @Override
                public void close() {}
            };
        }
    }
}
