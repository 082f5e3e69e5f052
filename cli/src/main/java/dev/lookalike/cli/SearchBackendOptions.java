package dev.lookalike.cli;

import dev.lookalike.search.IndexSearcher;
import dev.lookalike.search.VectorSearcher;
import dev.lookalike.solr.SolrSearcher;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Where a search looks: a local index ({@code --index}) or a SolrCloud collection ({@code --solr}, {@code --collection}). */
final class SearchBackendOptions {

    @Option(names = "--index", paramLabel = "PATH", description = "The index to search.")
    Path index;

    @Option(
            names = "--solr",
            paramLabel = "ZK_OR_URL",
            description =
                    "Search a SolrCloud collection instead: ZooKeeper address (zk1:2181,zk2:2181/solr) or Solr URLs (http://host:8983/solr).")
    String solr;

    @Option(
            names = "--collection",
            paramLabel = "NAME",
            description = "With --solr: the collection 'solr push' filled.")
    String collection;

    @Option(
            names = "--oversample",
            paramLabel = "F",
            defaultValue = "" + SolrSearcher.DEFAULT_OVERSAMPLE,
            description =
                    "With --solr: kNN candidates per shard for each result wanted, re-ranked exactly (default: ${DEFAULT-VALUE}).")
    int oversample;

    /** Opens the chosen backend; exactly one of {@code --index} and {@code --solr} must be given. */
    VectorSearcher open(CommandSpec spec) throws IOException {
        if ((index == null) == (solr == null)) {
            throw new ParameterException(
                    spec.commandLine(), "give either --index PATH or --solr ZK_OR_URL --collection NAME");
        }
        if (index != null) {
            return IndexSearcher.open(index);
        }
        if (collection == null) {
            throw new ParameterException(spec.commandLine(), "--solr needs --collection NAME");
        }
        return SolrSearcher.connect(solr, collection, oversample);
    }

    /** The folder the searched index was built from, where the result images are. */
    static Path root(VectorSearcher searcher) throws IOException {
        String root = searcher.root();
        return Path.of(root == null ? "." : root);
    }

    /** What the results page names as the searched source: the index, or the Solr collection. */
    Path source() {
        return index != null ? index : Path.of(collection);
    }
}
