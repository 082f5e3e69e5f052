package dev.lookalike.cli;

import dev.lookalike.solr.PushOptions;
import dev.lookalike.solr.PushReport;
import dev.lookalike.solr.SolrConnection;
import dev.lookalike.solr.SolrPusher;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code solr push --index PATH --solr ZK_OR_URL --collection NAME}: an index's vectors and metadata into SolrCloud. */
@Command(
        name = "push",
        mixinStandardHelpOptions = true,
        description = {
            "Upload the index's vectors and metadata to a SolrCloud collection, creating it if missing.",
            "Idempotent: pushing again replaces each image's document; --prune deletes images the index no longer has."
        })
final class SolrPushCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--index", required = true, paramLabel = "PATH", description = "The index to push.")
    Path index;

    @Option(
            names = "--solr",
            required = true,
            paramLabel = "ZK_OR_URL",
            description = "ZooKeeper address (zk1:2181,zk2:2181/solr) or Solr URLs (http://host:8983/solr).")
    String solr;

    @Option(names = "--collection", required = true, paramLabel = "NAME", description = "The collection.")
    String collection;

    @Option(
            names = "--shards",
            paramLabel = "N",
            defaultValue = "1",
            description = "Shards of a new collection (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(
            names = "--replicas",
            paramLabel = "R",
            defaultValue = "1",
            description = "Replicas of each shard of a new collection (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "500",
            description = "Images per update request (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--prune", description = "Delete the collection's images that the index no longer has.")
    boolean prune;

    @Override
    public Integer call() throws Exception {
        PushOptions options = UsageException.checking(() -> new PushOptions(shards, replicas, batch, prune));
        ToolContext context = ToolContext.of(spec);
        PushReport report;
        try (SolrConnection connection = SolrConnection.open(solr)) {
            report = new SolrPusher(connection, context.progress()).push(index, collection, options);
        }
        context.out()
                .printf(
                        Locale.ROOT,
                        "%s -> Solr collection '%s'%s: %d images, models %s, %d pruned in %.1f s%n",
                        index,
                        report.collection(),
                        report.created() ? " (created, " + shards + " shards x " + replicas + " replicas)" : "",
                        report.images(),
                        String.join(", ", report.models()),
                        report.pruned(),
                        report.elapsed().toMillis() / 1000.0);
        return ExitCode.OK;
    }
}
