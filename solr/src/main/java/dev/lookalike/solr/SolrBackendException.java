package dev.lookalike.solr;

import java.io.IOException;

/**
 * SolrCloud could not do what was asked: unreachable, no such collection, or a collection whose vectors
 * don't match the index's models. The message is one line naming the Solr address or collection.
 */
public class SolrBackendException extends IOException {

    public SolrBackendException(String message) {
        super(message);
    }

    public SolrBackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
