package dev.lookalike.solr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * One in-process SolrCloud (embedded ZooKeeper and two Solr nodes) shared by every test class of this
 * module's test JVM: started on first use, shut down when the JVM exits.
 */
final class SolrCluster {

    static final int NODES = 2;

    private static MiniSolrCloudCluster cluster;

    private SolrCluster() {}

    /** The cluster, started on the first call (a few seconds). */
    static synchronized MiniSolrCloudCluster get() throws Exception {
        if (cluster == null) {
            Path dir = Files.createTempDirectory("lookalike-solr");
            cluster = new MiniSolrCloudCluster.Builder(NODES, dir)
                    .withTraceIdGenerationDisabled()
                    .build();
            MiniSolrCloudCluster started = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.shutdown();
                } catch (Exception e) {
                    // The JVM is exiting; the temporary directory goes with the machine's tmp cleaning.
                }
            }));
        }
        return cluster;
    }

    /** The ZooKeeper address, as {@code --solr} takes it. */
    static String zkAddress() throws Exception {
        return get().getZkServer().getZkAddress();
    }

    /** Every running node's URL, comma-separated, as {@code --solr} takes them. */
    static String urls() throws Exception {
        return get().getJettySolrRunners().stream()
                .filter(JettySolrRunner::isRunning)
                .map(j -> j.getBaseUrl().toString())
                .collect(Collectors.joining(","));
    }

    /** Waits until every replica of {@code collection} is active. */
    static void waitActive(String collection, int shards, int replicas) throws Exception {
        get().waitForActiveCollection(collection, 60, TimeUnit.SECONDS, shards, shards * replicas);
    }
}
