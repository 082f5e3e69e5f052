package dev.lookalike.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.image.SamplePhotos;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.search.IndexSearcher;
import dev.lookalike.search.SearchHit;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredVectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.solr.embedded.JettySolrRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes indexes to a 2-node SolrCloud (2 shards x 2 replicas) and checks that every search answers what the
 * local exact search answers: the same paths in the same order with the same scores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SolrSearcherTest {

    private static final int SHARDS = 2;
    private static final int REPLICAS = 2;
    /** Sample photos in the pushed index; the other sample photos are queries from outside it. */
    private static final int INDEXED = 24;

    private static final PushOptions TWO_BY_TWO = new PushOptions(SHARDS, REPLICAS, 16, false);
    private static final ModelIdentity SYNTHETIC = new ModelIdentity("rnd-64", "d".repeat(64), "out", "none", 64);

    private Path cocoIndex;
    private Path syntheticIndex;
    private final List<float[]> cocoQueries = new ArrayList<>();
    private final List<ModelIdentity> cocoQueryModels = new ArrayList<>();
    private SolrConnection solr;

    @BeforeAll
    void pushIndexes(@TempDir Path tmp) throws Exception {
        List<Path> photos = SamplePhotos.shuffled(6);
        cocoIndex = SolrFixtures.cocoIndex(
                tmp.resolve("photos"), tmp.resolve("coco.lookalike"), photos.subList(0, INDEXED));
        Path queries = SolrFixtures.cocoIndex(
                tmp.resolve("queries"), tmp.resolve("queries.lookalike"), photos.subList(INDEXED, photos.size()));
        collectQueries(cocoIndex);
        collectQueries(queries);
        syntheticIndex = SolrFixtures.syntheticIndex(tmp.resolve("synthetic.lookalike"), SYNTHETIC, "s", 0, 3000, 7);
        solr = SolrConnection.open(SolrCluster.zkAddress());
        SolrPusher pusher = new SolrPusher(solr, ProgressReporter.silent());
        PushReport coco = pusher.push(cocoIndex, "coco", TWO_BY_TWO);
        assertEquals(new PushReport("coco", true, List.of("clip", "dinov2"), INDEXED, 0, coco.elapsed()), coco);
        pusher.push(syntheticIndex, "synthetic", new PushOptions(SHARDS, REPLICAS, 500, false));
    }

    private void collectQueries(Path index) throws Exception {
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            for (ModelIdentity model : store.models().values()) {
                StoredVectors vectors = store.vectors(model);
                for (int i = 0; i < vectors.count(); i++) {
                    int d = vectors.dimension();
                    cocoQueries.add(Arrays.copyOfRange(vectors.data(), i * d, (i + 1) * d));
                    cocoQueryModels.add(model);
                }
            }
        }
    }

    @AfterAll
    void close() throws Exception {
        solr.close();
    }

    @Test
    @Order(1)
    void cocoSearchEqualsTheLocalExactSearch() throws Exception {
        cocoSearchEqualsTheLocalExactSearch(new int[] {1, 10});
    }

    private void cocoSearchEqualsTheLocalExactSearch(int[] ks) throws Exception {
        try (SolrSearcher remote =
                        SolrSearcher.connect(SolrCluster.zkAddress(), "coco", SolrSearcher.DEFAULT_OVERSAMPLE);
                IndexSearcher local = IndexSearcher.open(cocoIndex)) {
            assertEquals(SHARDS, remote.shards());
            assertEquals(local.store().models(), remote.models());
            assertSameAnswers(local, remote, cocoQueryModels, cocoQueries, ks);
        }
    }

    @Test
    @Order(2)
    void clusteredVectorsWithTiesSearchTheSameOverSolrUrls() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        List<float[]> queries = new ArrayList<>();
        try (IndexStore store = IndexStore.open(syntheticIndex, IndexStore.Access.READ_ONLY)) {
            StoredVectors vectors = store.vectors(SYNTHETIC);
            for (int q = 0; q < 60; q++) {
                int row = q == 0 ? 3 : random.nextInt(vectors.count());
                float[] stored = Arrays.copyOfRange(vectors.data(), row * 64, row * 64 + 64);
                queries.add(q % 3 == 0 ? stored : SolrFixtures.near(stored, random, 0.2));
            }
        }
        try (SolrSearcher remote =
                        SolrSearcher.connect(SolrCluster.urls(), "synthetic", SolrSearcher.DEFAULT_OVERSAMPLE);
                IndexSearcher local = IndexSearcher.open(syntheticIndex)) {
            assertSameAnswers(
                    local, remote, java.util.Collections.nCopies(queries.size(), SYNTHETIC), queries, new int[] {10});
        }
    }

    @Test
    @Order(3)
    void pushingAgainChangesNothing() throws Exception {
        PushReport again = new SolrPusher(solr, ProgressReporter.silent()).push(cocoIndex, "coco", TWO_BY_TWO);
        assertEquals(false, again.created());
        assertEquals(INDEXED, again.images());
        assertEquals(INDEXED, SolrFixtures.count(solr, "coco", "doc_type:image"));
        assertEquals(2, SolrFixtures.count(solr, "coco", "doc_type:model"));
        assertEquals(INDEXED + 2, SolrFixtures.count(solr, "coco", "*:*"));
        cocoSearchEqualsTheLocalExactSearch(new int[] {10});
    }

    @Test
    @Order(4)
    void searchStillAnswersWithOneNodeDown() throws Exception {
        JettySolrRunner stopped = SolrCluster.get().stopJettySolrRunner(1);
        try {
            SolrCluster.get().waitForJettyToStop(stopped);
            cocoSearchEqualsTheLocalExactSearch(new int[] {10});
        } finally {
            SolrCluster.get().startJettySolrRunner(stopped);
            SolrCluster.waitActive("coco", SHARDS, REPLICAS);
            SolrCluster.waitActive("synthetic", SHARDS, REPLICAS);
        }
    }

    private static void assertSameAnswers(
            IndexSearcher local, SolrSearcher remote, List<ModelIdentity> models, List<float[]> queries, int[] ks)
            throws Exception {
        int compared = 0;
        for (int q = 0; q < queries.size(); q++) {
            for (int k : ks) {
                List<SearchHit> expected = local.search(models.get(q), queries.get(q), k);
                List<SearchHit> actual = remote.search(models.get(q), queries.get(q), k);
                assertEquals(
                        expected, actual, "query " + q + " of " + models.get(q).name() + ", k=" + k);
                compared++;
            }
        }
        assertTrue(compared > 0);
    }
}
