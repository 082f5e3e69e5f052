package dev.lookalike.indexing;

/**
 * How an {@link Indexer} works.
 *
 * @param batchSize images per inference call and per commit: a crash loses at most one batch
 * @param workers   threads decoding and preprocessing images; 0 lets the pipeline choose as the run goes
 *                  (between 1 and the cores: few when the models limit the run, all when decoding does)
 * @param prune     remove entries whose files are gone from the folder
 * @param strict    stop at the first unreadable image instead of skipping it
 */
public record IndexingOptions(int batchSize, int workers, boolean prune, boolean strict) {

    public IndexingOptions {
        if (batchSize < 1 || workers < 0) {
            throw new IllegalArgumentException(
                    "batch size must be positive and workers not negative: " + batchSize + ", " + workers);
        }
    }

    /** Batches of 16, decoding threads chosen by the pipeline, no pruning, unreadable images skipped. */
    public static IndexingOptions defaults() {
        return new IndexingOptions(16, 0, false, false);
    }
}
