package dev.lookalike.solr;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.ClusterStateProvider;
import org.apache.solr.client.solrj.impl.ZkClientClusterStateProvider;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.cloud.DocCollection;

/**
 * A connection to a SolrCloud cluster, by ZooKeeper address ({@code zk1:2181,zk2:2181/solr}) or by Solr
 * URLs ({@code http://host:8983/solr}, comma-separated for several). Talks HTTP through the JDK's client;
 * thread-safe. Close it when done.
 */
public final class SolrConnection implements AutoCloseable {

    /** How long one request may take by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** The longest wait for ZooKeeper to answer at connection (SolrJ's default). */
    private static final Duration ZK_CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private final String address;
    private final CloudSolrClient client;

    private SolrConnection(String address, CloudSolrClient client) {
        this.address = address;
        this.client = client;
    }

    /** Connects with {@link #DEFAULT_TIMEOUT}; see {@link #open(String, Duration)}. */
    public static SolrConnection open(String address) throws SolrBackendException {
        return open(address, DEFAULT_TIMEOUT);
    }

    /**
     * Connects to the cluster at {@code address} and reads its live nodes.
     *
     * @param address Solr URLs ({@code http(s)://...}, comma-separated) or a ZooKeeper connection string
     * @param timeout the longest one request may take; connecting to ZooKeeper waits at most 15 s or this
     * @throws SolrBackendException when the cluster cannot be reached
     */
    public static SolrConnection open(String address, Duration timeout) throws SolrBackendException {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("the Solr address is empty: give Solr URLs or a ZooKeeper address");
        }
        ClusterStateProvider state = null;
        try {
            state = clusterState(address.strip(), timeout);
            state.connect();
            if (state.getLiveNodes().isEmpty()) {
                throw new SolrBackendException("Solr at " + address + " has no live nodes");
            }
            return new SolrConnection(address, new JdkCloudClient(state, timeout.toMillis()));
        } catch (SolrBackendException e) {
            closeQuietly(state);
            throw e;
        } catch (Exception e) {
            closeQuietly(state);
            throw new SolrBackendException("cannot reach Solr at " + address + ": " + reason(e), e);
        }
    }

    private static ClusterStateProvider clusterState(String address, Duration timeout) throws Exception {
        if (address.startsWith("http://") || address.startsWith("https://")) {
            List<String> urls =
                    Arrays.stream(address.split(",")).map(String::strip).toList();
            try {
                return new JdkHttpClusterStateProvider(urls);
            } catch (Exception e) {
                // Its constructor only asks each URL for the live nodes: none answered.
                throw new SolrBackendException(
                        "cannot reach Solr at " + address
                                + ": no node answered (is Solr running, and is the URL http(s)://host:port/solr?)",
                        e);
            }
        }
        ZkClientClusterStateProvider zk = new ZkClientClusterStateProvider(address);
        zk.setZkConnectTimeout((int) Math.min(ZK_CONNECT_TIMEOUT.toMillis(), timeout.toMillis()));
        zk.setZkClientTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        return zk;
    }

    /** The address this connection was opened with. */
    public String address() {
        return address;
    }

    CloudSolrClient client() {
        return client;
    }

    /** Whether {@code collection} exists. */
    public boolean exists(String collection) throws SolrBackendException {
        try {
            return client.getClusterStateProvider().getState(collection) != null;
        } catch (RuntimeException e) {
            throw failure(collection, "cannot read the cluster state", e);
        }
    }

    /** The collection's state; a clear error when it does not exist. */
    DocCollection collection(String collection) throws SolrBackendException {
        if (!exists(collection)) {
            throw new SolrBackendException("Solr at " + address + " has no collection '" + collection
                    + "' (create it with 'lookalike solr push')");
        }
        try {
            return client.getClusterStateProvider().getCollection(collection);
        } catch (IOException | RuntimeException e) {
            throw failure(collection, "cannot read the collection's state", e);
        }
    }

    /**
     * The one-line error for a failed request about {@code collection}: Solr's own message for a request it
     * refused, "cannot reach" for a network failure.
     */
    SolrBackendException failure(String collection, String doing, Exception e) {
        String where = "Solr at " + address + ", collection '" + collection + "': ";
        return new SolrBackendException(where + doing + ": " + reason(e), e);
    }

    /** The first line of the most telling message in {@code e}'s causes. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
                return "connection refused or timed out (is Solr running?)";
            }
        }
        // Wrappers repeat their cause's toString(); the cause's own words, or Solr's, are what to show.
        Throwable telling = e;
        while (telling.getCause() != null && !(telling instanceof SolrException)) {
            telling = telling.getCause();
        }
        String text = telling.getMessage() == null ? telling.getClass().getSimpleName() : telling.getMessage();
        return text.lines().findFirst().orElse(text).strip();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    private static void closeQuietly(ClusterStateProvider state) {
        if (state != null) {
            try {
                state.close();
            } catch (IOException | RuntimeException e) {
                // The connection failed already; that failure is what the caller needs to hear about.
            }
        }
    }
}
