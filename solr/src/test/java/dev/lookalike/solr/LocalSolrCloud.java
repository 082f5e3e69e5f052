package dev.lookalike.solr;

/**
 * Starts the tests' in-process SolrCloud (embedded ZooKeeper, two nodes) and keeps it running until the process
 * is stopped: a throw-away cluster for trying the {@code lookalike} tool against, without installing Solr. Run
 * with the class path of {@link SolrKnnBenchmark}; it prints the addresses {@code --solr} takes.
 */
public final class LocalSolrCloud {

    private LocalSolrCloud() {}

    public static void main(String[] args) throws Exception {
        System.out.println("ZooKeeper: " + SolrCluster.zkAddress());
        System.out.println("Solr URLs: " + SolrCluster.urls());
        Thread.currentThread().join();
    }
}
