package dev.lookalike.indexing;

/**
 * How an {@link Indexer} works.
 *
 * @param batchSize images per inference call and per commit: a crash loses at most one batch
 * @param workers   threads decoding and preprocessing images
 * @param prune     remove entries whose files are gone from the folder
 * @param strict    stop at the first unreadable image instead of skipping it
 */
public record IndexingOptions(int batchSize, int workers, boolean prune, boolean strict) {

    public IndexingOptions {
        if (batchSize < 1 || workers < 1) {
            throw new IllegalArgumentException("batch size and workers must be positive: " + batchSize + ", " + workers);
        }
    }

    /** Batches of 16, two decoding threads, no pruning, unreadable images skipped. */
    public static IndexingOptions defaults() {
        return new IndexingOptions(16, 2, false, false);
    }
}
