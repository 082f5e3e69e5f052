package dev.lookalike.cli;

import static dev.lookalike.cli.CliFixtures.withModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * The Solr commands' arguments and failures, on the CLI's own class path (which has no Jetty): a Solr that
 * is down is one line and exit 1; a missing or contradictory option is a usage error. Searching a running
 * SolrCloud, and ZooKeeper being down, are tested in the solr module.
 */
class SolrCommandTest {

    @Test
    void solrDownIsOneLineAndExitOne() throws IOException {
        String url = "http://127.0.0.1:" + closedPort() + "/solr";
        CliRun run = CliRun.run(withModel(
                "clip",
                "search",
                CliFixtures.image("000000001503.jpg").toString(),
                "--solr",
                url,
                "--collection",
                "photos"));
        assertEquals(ExitCode.FAILED, run.exitCode(), run.toString());
        assertEquals(1, run.errLines(), run.toString());
        assertTrue(run.err().contains("cannot reach Solr at " + url), run.toString());
    }

    @Test
    void searchNeedsExactlyOneBackend() {
        String image = CliFixtures.image("000000001503.jpg").toString();
        CliRun neither = CliRun.run("search", image);
        assertEquals(ExitCode.USAGE, neither.exitCode(), neither.toString());
        assertTrue(neither.err().contains("either --index PATH or --solr"), neither.toString());
        CliRun both = CliRun.run(
                "search", image, "--index", "a.lookalike", "--solr", "http://127.0.0.1:1/solr", "--collection", "c");
        assertEquals(ExitCode.USAGE, both.exitCode(), both.toString());
        CliRun noCollection = CliRun.run("search", image, "--solr", "http://127.0.0.1:1/solr");
        assertEquals(ExitCode.USAGE, noCollection.exitCode(), noCollection.toString());
        assertTrue(noCollection.err().contains("--solr needs --collection"), noCollection.toString());
    }

    @Test
    void pushRefusesBadNumbers() {
        CliRun run = CliRun.run(
                "solr",
                "push",
                "--index",
                "a.lookalike",
                "--solr",
                "http://127.0.0.1:1/solr",
                "--collection",
                "c",
                "--shards",
                "0");
        assertEquals(ExitCode.USAGE, run.exitCode(), run.toString());
        assertTrue(run.err().contains("shards must be at least 1, got 0"), run.toString());
    }

    @Test
    void theClientPathHasNoJetty() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.eclipse.jetty.client.HttpClient"));
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
