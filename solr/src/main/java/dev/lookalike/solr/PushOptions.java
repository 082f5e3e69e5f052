package dev.lookalike.solr;

/**
 * How {@link SolrPusher} pushes an index.
 *
 * @param shards    shards of a collection it creates, at least 1 (ignored when the collection exists)
 * @param replicas  replicas of each shard of a collection it creates, at least 1 (ignored when it exists)
 * @param batchSize images per update request, at least 1
 * @param prune     whether to delete the collection's images that the index no longer has
 */
public record PushOptions(int shards, int replicas, int batchSize, boolean prune) {

    public PushOptions {
        requirePositive("shards", shards);
        requirePositive("replicas", replicas);
        requirePositive("batch size", batchSize);
    }

    private static void requirePositive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
    }
}
