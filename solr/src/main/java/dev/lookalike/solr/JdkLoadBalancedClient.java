package dev.lookalike.solr;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.impl.LBSolrClient;
import org.apache.solr.common.util.NamedList;

/**
 * SolrJ's load balancer (fail-over between replicas, dead-node tracking) over the JDK's HTTP client: one
 * {@link HttpJdkSolrClient} per Solr URL. SolrJ's own balancer is built on Jetty's HTTP client, which this
 * tool keeps off its class path.
 */
final class JdkLoadBalancedClient extends LBSolrClient {

    private final Map<String, HttpJdkSolrClient> clients = new ConcurrentHashMap<>();
    private final long requestTimeoutMillis;

    JdkLoadBalancedClient(long requestTimeoutMillis) {
        super(List.of());
        this.requestTimeoutMillis = requestTimeoutMillis;
    }

    @Override
    protected SolrClient getClient(String baseUrl) {
        return clients.computeIfAbsent(
                baseUrl,
                url -> new HttpJdkSolrClient.Builder(url)
                        .withConnectionTimeout(Math.min(requestTimeoutMillis, 10_000), TimeUnit.MILLISECONDS)
                        .withRequestTimeout(requestTimeoutMillis, TimeUnit.MILLISECONDS)
                        .useHttp1_1(true)
                        .build());
    }

    @Override
    protected SolrClient getClient(Endpoint endpoint) {
        return getClient(endpoint.getUrl());
    }

    /** Each client is bound to its URL, so the request goes to it as it is (no Jetty special case). */
    @Override
    protected NamedList<Object> doRequest(String baseUrl, SolrRequest<?> request, String collection)
            throws SolrServerException, IOException {
        return getClient(baseUrl).request(request, collection);
    }

    @Override
    public void close() {
        super.close();
        for (HttpJdkSolrClient client : clients.values()) {
            try {
                client.close();
            } catch (IOException e) {
                // Closing an HTTP client releases memory only; nothing to report.
            }
        }
    }
}
