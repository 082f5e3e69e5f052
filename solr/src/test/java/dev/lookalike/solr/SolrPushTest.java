package dev.lookalike.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.search.IndexSearcher;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Pruning, and every refusal: another model or dimension under a name, another folder, no such collection, Solr down. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SolrPushTest {

    private static final ModelIdentity MODEL = new ModelIdentity("rnd", "e".repeat(64), "out", "none", 24);
    private static final PushOptions ONE_BY_TWO = new PushOptions(1, 2, 50, false);

    @TempDir
    Path tmp;

    private SolrConnection solr;
    private SolrPusher pusher;

    @BeforeAll
    void connect() throws Exception {
        solr = SolrConnection.open(SolrCluster.urls());
        pusher = new SolrPusher(solr, ProgressReporter.silent());
    }

    @AfterAll
    void close() throws Exception {
        solr.close();
    }

    @Test
    void pruneDeletesWhatTheIndexNoLongerHas() throws Exception {
        Path first = SolrFixtures.syntheticIndex(tmp.resolve("first"), MODEL, "p", 0, 120, 1);
        Path second = SolrFixtures.syntheticIndex(tmp.resolve("second"), MODEL, "p", 80, 100, 2);
        pusher.push(first, "prune", ONE_BY_TWO);
        assertEquals(120, SolrFixtures.count(solr, "prune", "doc_type:image"));

        PushReport kept = pusher.push(second, "prune", ONE_BY_TWO);
        assertEquals(0, kept.pruned());
        assertEquals(180, SolrFixtures.count(solr, "prune", "doc_type:image"), "files 0-179: the union");

        PushReport pruned = pusher.push(second, "prune", new PushOptions(1, 2, 50, true));
        assertEquals(80, pruned.pruned(), "files 0-79 are only in the first index");
        assertEquals(100, SolrFixtures.count(solr, "prune", "doc_type:image"));
        assertEquals(0, SolrFixtures.count(solr, "prune", "path:p/dir0/img00000.jpg"));
        assertEquals(1, SolrFixtures.count(solr, "prune", "path:p/dir0/img00080.jpg"));
        try (SolrSearcher remote = new SolrSearcher(SolrConnection.open(SolrCluster.urls()), "prune", 4);
                IndexSearcher local = IndexSearcher.open(second)) {
            float[] query = SolrFixtures.query(new java.util.SplittableRandom(3), MODEL.dimension());
            assertEquals(local.search(MODEL, query, 10), remote.search(MODEL, query, 10));
        }
    }

    @Test
    void anotherModelUnderTheSameNameIsRefused() throws Exception {
        pusher.push(SolrFixtures.syntheticIndex(tmp.resolve("a"), MODEL, "a", 0, 20, 4), "identity", ONE_BY_TWO);
        ModelIdentity retrained = new ModelIdentity("rnd", "f".repeat(64), "out", "none", 24);
        Path other = SolrFixtures.syntheticIndex(tmp.resolve("b"), retrained, "b", 0, 20, 5);
        SolrBackendException push =
                assertThrows(SolrBackendException.class, () -> pusher.push(other, "identity", ONE_BY_TWO));
        assertEquals(
                "Solr collection 'identity': model 'rnd' differs from the one the collection was pushed with:"
                        + " definitionSha256 is " + "f".repeat(64) + ", the collection has " + "e".repeat(64)
                        + "; push to a new collection, or use a different model name",
                push.getMessage());
        assertEquals(
                20, SolrFixtures.count(solr, "identity", "doc_type:image"), "nothing of the refused push is written");

        try (SolrSearcher searcher = new SolrSearcher(SolrConnection.open(SolrCluster.urls()), "identity", 4)) {
            SolrBackendException search =
                    assertThrows(SolrBackendException.class, () -> searcher.search(retrained, new float[24], 3));
            assertTrue(search.getMessage().contains("model 'rnd' differs"), search.getMessage());
            ModelIdentity unknown = new ModelIdentity("other", "e".repeat(64), "out", "none", 24);
            SolrBackendException missing =
                    assertThrows(SolrBackendException.class, () -> searcher.search(unknown, new float[24], 3));
            assertEquals(
                    "Solr collection 'identity' has no vectors of model 'other' (push an index with that model)",
                    missing.getMessage());
        }
    }

    @Test
    void aFieldOfAnotherDimensionIsRefused() throws Exception {
        pusher.push(SolrFixtures.syntheticIndex(tmp.resolve("d24"), MODEL, "d", 0, 10, 6), "dimension", ONE_BY_TWO);
        // Without the model record (a collection filled by another tool), the schema itself still guards.
        solr.client().deleteById("dimension", CollectionSchema.modelId("rnd"));
        solr.client().commit("dimension");
        ModelIdentity wider = new ModelIdentity("rnd", "e".repeat(64), "out", "none", 32);
        Path other = SolrFixtures.syntheticIndex(tmp.resolve("d32"), wider, "d", 0, 10, 7);
        SolrBackendException e =
                assertThrows(SolrBackendException.class, () -> pusher.push(other, "dimension", ONE_BY_TWO));
        assertEquals(
                "Solr collection 'dimension': field vector_rnd is of type knn_24_cosine, but model 'rnd' has"
                        + " 32-d vectors (knn_32_cosine): dimension mismatch; push to a new collection",
                e.getMessage());
    }

    @Test
    void anIndexOfAnotherFolderIsRefused() throws Exception {
        pusher.push(SolrFixtures.syntheticIndex(tmp.resolve("r1"), MODEL, "r", 0, 10, 8), "roots", ONE_BY_TWO);
        Path other = SolrFixtures.syntheticIndex(tmp.resolve("r2"), "/elsewhere", MODEL, "r", 5, 10, 9);
        SolrBackendException e =
                assertThrows(SolrBackendException.class, () -> pusher.push(other, "roots", ONE_BY_TWO));
        assertEquals(
                "Solr collection 'roots' holds images of /synthetic but " + other
                        + " indexes /elsewhere; push to a new collection",
                e.getMessage());
        assertEquals(10, SolrFixtures.count(solr, "roots", "doc_type:image"), "nothing of the refused push is written");
        try (SolrSearcher searcher = new SolrSearcher(SolrConnection.open(SolrCluster.urls()), "roots", 4)) {
            assertEquals("/synthetic", searcher.root());
        }
    }

    @Test
    void aStoredVectorOfAnotherLengthIsNamed() throws Exception {
        pusher.push(SolrFixtures.syntheticIndex(tmp.resolve("v"), MODEL, "v", 0, 3, 10), "lengths", ONE_BY_TWO);
        try (SolrSearcher searcher = new SolrSearcher(SolrConnection.open(SolrCluster.urls()), "lengths", 4)) {
            assertEquals(2.0f, searcher.floats(java.util.List.<Object>of(1.0f, 2.0), 2, "v/a.jpg")[1]);
            SolrBackendException e = assertThrows(
                    SolrBackendException.class,
                    () -> searcher.floats(java.util.List.<Object>of(1.0f, 2.0f, 3.0f), 24, "v/a.jpg"));
            assertEquals(
                    "Solr collection 'lengths': the stored vector of v/a.jpg has 3 values, the model has 24"
                            + " dimensions",
                    e.getMessage());
        }
    }

    @Test
    void aMissingCollectionIsNamed() throws Exception {
        SolrBackendException e = assertThrows(
                SolrBackendException.class, () -> SolrSearcher.connect(SolrCluster.zkAddress(), "nowhere", 4));
        assertEquals(
                "Solr at " + SolrCluster.zkAddress() + " has no collection 'nowhere'"
                        + " (create it with 'lookalike solr push')",
                e.getMessage());
    }

    @Test
    void solrOrZooKeeperDownIsNamed() throws Exception {
        String url = "http://127.0.0.1:" + closedPort() + "/solr";
        SolrBackendException http = assertThrows(SolrBackendException.class, () -> SolrConnection.open(url));
        assertTrue(http.getMessage().startsWith("cannot reach Solr at " + url + ": "), http.getMessage());
        String zk = "127.0.0.1:" + closedPort();
        SolrBackendException zooKeeper =
                assertThrows(SolrBackendException.class, () -> SolrConnection.open(zk, Duration.ofSeconds(2)));
        assertTrue(zooKeeper.getMessage().startsWith("cannot reach Solr at " + zk + ": "), zooKeeper.getMessage());
        assertEquals(1, zooKeeper.getMessage().lines().count());
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
