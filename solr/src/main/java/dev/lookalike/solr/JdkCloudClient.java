package dev.lookalike.solr;

import java.io.IOException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.ClusterStateProvider;
import org.apache.solr.client.solrj.impl.LBSolrClient;

/**
 * A SolrCloud client (routing, fail-over, retries on stale cluster state) that talks HTTP through the
 * JDK's client. Updates go to shard leaders; queries to any live replica.
 */
final class JdkCloudClient extends CloudSolrClient {

    private final ClusterStateProvider state;
    private final JdkLoadBalancedClient balancer;

    JdkCloudClient(ClusterStateProvider state, long requestTimeoutMillis) {
        super(true, true, false);
        this.state = state;
        this.balancer = new JdkLoadBalancedClient(requestTimeoutMillis);
    }

    @Override
    protected LBSolrClient getLbClient() {
        return balancer;
    }

    @Override
    public ClusterStateProvider getClusterStateProvider() {
        return state;
    }

    @Override
    public void close() throws IOException {
        try (state;
                balancer) {
            super.close();
        }
    }
}
