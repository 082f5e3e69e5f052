package dev.lookalike.solr;

import java.util.List;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.impl.BaseHttpClusterStateProvider;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;

/** The cluster's state read from Solr's own HTTP API (CLUSTERSTATUS) with the JDK's HTTP client. */
final class JdkHttpClusterStateProvider extends BaseHttpClusterStateProvider {

    JdkHttpClusterStateProvider(List<String> solrUrls) throws Exception {
        initConfiguredNodes(solrUrls);
    }

    @Override
    protected SolrClient getSolrClient(String baseUrl) {
        return new HttpJdkSolrClient.Builder(baseUrl).useHttp1_1(true).build();
    }
}
