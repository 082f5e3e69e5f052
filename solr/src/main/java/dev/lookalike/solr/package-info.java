/**
 * SolrCloud as the distributed search backend: push an index's vectors and metadata to a collection
 * ({@link dev.lookalike.solr.SolrPusher}) and search it with over-sampled kNN re-ranked exactly
 * ({@link dev.lookalike.solr.SolrSearcher}); serve a collection with the server's search service
 * ({@link dev.lookalike.solr.SolrServing}).
 */
package dev.lookalike.solr;
