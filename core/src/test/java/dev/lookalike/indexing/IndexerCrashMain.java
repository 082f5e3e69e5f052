package dev.lookalike.indexing;

import dev.lookalike.model.ImageModel;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.store.IndexStore;
import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link IndexerCrashTest}: indexes a folder with both tiny models in batches of 4, resuming
 * whatever an earlier, killed run committed. Arguments: the folder, the index directory.
 */
public final class IndexerCrashMain {

    static final int BATCH = 4;

    public static void main(String[] args) throws Exception {
        run(Path.of(args[0]), Path.of(args[1]));
    }

    /** Indexes {@code folder} into {@code index} as the child does; the test's uninterrupted and resumed runs too. */
    static IndexingReport run(Path folder, Path index) throws Exception {
        List<ImageModel> models = IndexingFixtures.load(IndexingFixtures.bothModels());
        try (IndexStore store = IndexStore.openOrCreate(index, folder.toString(), "test")) {
            return IndexingFixtures.indexer(models, BATCH, false, false).index(folder, store, ProgressReporter.silent());
        } finally {
            models.forEach(ImageModel::close);
        }
    }
}
