package dev.lookalike.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.store.FileRecord;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.IndexStoreException;
import dev.lookalike.store.ModelMismatchException;
import dev.lookalike.store.WriteBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Exact search over an index of seeded random vectors, duplicates included, against a brute force. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexSearcherTest {

    private static final int FILES = 300;
    private static final int DIMENSION = 24;
    /** Every 25th file holds the vector of file 7: ties that only the path can order. */
    private static final int TIE_EVERY = 25;

    private static final ModelIdentity MODEL = new ModelIdentity("rnd", "c".repeat(64), "out", "none", DIMENSION);

    private Path index;
    private final Map<String, double[]> vectors = new LinkedHashMap<>();
    private final List<float[]> queries = new ArrayList<>();

    @BeforeAll
    void writeRandomIndex(@TempDir Path tmp) throws IOException {
        index = tmp.resolve("index");
        SplittableRandom random = new SplittableRandom(20260318L);
        float[] tied = null;
        try (IndexStore store = IndexStore.create(index, "/photos", "test");
                WriteBatch batch = store.beginBatch()) {
            store.registerModel(MODEL);
            for (int i = 0; i < FILES; i++) {
                String path = String.format("dir%d/img%03d.jpg", i % 3, i);
                float[] vector = i % TIE_EVERY == 7 && tied != null ? tied : gaussian(random);
                tied = i == 7 ? vector : tied;
                batch.putFile(
                        FileRecord.ok(path, 1000 + i, 1_700_000_000_000L + i, "%064x".formatted(i), 8, 8),
                        Map.of(MODEL.name(), vector));
                vectors.put(path, BruteForce.normalised(vector));
            }
            batch.commit();
        }
        queries.add(tied);
        for (int q = 0; q < 19; q++) {
            queries.add(gaussian(random));
        }
    }

    private static float[] gaussian(SplittableRandom random) {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    @Test
    void answersAreTheBruteForceTopK() throws IOException {
        try (IndexSearcher searcher = IndexSearcher.open(index)) {
            for (int q = 0; q < queries.size(); q++) {
                for (int k : new int[] {1, 5, 40}) {
                    BruteForce.assertSameHits(
                            BruteForce.search(vectors, BruteForce.normalised(queries.get(q)), k),
                            searcher.search(MODEL, queries.get(q), k),
                            1e-5,
                            "query " + q + " k " + k);
                }
            }
        }
    }

    @Test
    void exactTiesRankInPathOrder() throws IOException {
        List<String> tied = vectors.keySet().stream()
                .filter(path -> Integer.parseInt(path.substring(path.length() - 7, path.length() - 4)) % TIE_EVERY == 7)
                .sorted()
                .toList();
        assertEquals(FILES / TIE_EVERY, tied.size());
        try (IndexSearcher searcher = IndexSearcher.open(index)) {
            List<SearchHit> hits = searcher.search(MODEL, queries.get(0), tied.size() + 1);
            assertEquals(
                    tied,
                    hits.subList(0, tied.size()).stream().map(SearchHit::path).toList());
            for (int i = 0; i < tied.size(); i++) {
                assertEquals(hits.get(0).cosine(), hits.get(i).cosine(), 0.0, "tied hits score exactly alike");
                assertEquals(1.0, hits.get(i).cosine(), 1e-6);
            }
            assertTrue(hits.get(tied.size()).cosine() < hits.get(0).cosine());
        }
    }

    @Test
    void eightThreadsGetTheAnswersOfOne() throws Exception {
        List<List<SearchHit>> expected = new ArrayList<>();
        try (IndexSearcher searcher = IndexSearcher.open(index)) {
            for (float[] query : queries) {
                expected.add(searcher.search(MODEL, query, 10));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        // A fresh searcher, so that the threads also race to load the vectors.
        try (IndexSearcher searcher = IndexSearcher.open(index)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<List<SearchHit>>>> answers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                Callable<List<List<SearchHit>>> task = () -> {
                    start.await();
                    List<List<SearchHit>> got = new ArrayList<>(queries.size());
                    for (int round = 0; round < 5; round++) {
                        got.clear();
                        for (int q = 0; q < queries.size(); q++) {
                            got.add(null);
                        }
                        for (int i = 0; i < queries.size(); i++) {
                            int q = (i + offset) % queries.size();
                            got.set(q, searcher.search(MODEL, queries.get(q), 10));
                        }
                    }
                    return got;
                };
                answers.add(pool.submit(task));
            }
            start.countDown();
            for (Future<List<List<SearchHit>>> answer : answers) {
                assertEquals(expected, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKBeyondTheIndexReturnsEveryImageOnce() throws IOException {
        try (IndexSearcher searcher = IndexSearcher.open(index)) {
            List<SearchHit> hits = searcher.search(MODEL, queries.get(3), FILES + 50);
            assertEquals(FILES, hits.size());
            assertEquals(
                    vectors.keySet(),
                    new java.util.HashSet<>(hits.stream().map(SearchHit::path).toList()));
            for (int i = 0; i < hits.size(); i++) {
                assertEquals(i + 1, hits.get(i).rank());
                assertTrue(i == 0 || hits.get(i).cosine() <= hits.get(i - 1).cosine(), "rank " + (i + 1));
            }
        }
    }

    @Test
    void badArgumentsAndForeignModelsAreRefused() throws IOException {
        try (IndexSearcher searcher = IndexSearcher.open(index)) {
            IllegalArgumentException zero =
                    assertThrows(IllegalArgumentException.class, () -> searcher.search(MODEL, queries.get(0), 0));
            assertTrue(zero.getMessage().contains("0"), zero.getMessage());
            assertThrows(IllegalArgumentException.class, () -> searcher.search(MODEL, queries.get(0), -3));
            ModelIdentity otherFile = new ModelIdentity("rnd", "d".repeat(64), "out", "none", DIMENSION);
            assertThrows(ModelMismatchException.class, () -> searcher.search(otherFile, queries.get(0), 3));
            ModelIdentity otherName = new ModelIdentity("other", "c".repeat(64), "out", "none", DIMENSION);
            assertThrows(IndexStoreException.class, () -> searcher.search(otherName, queries.get(0), 3));
            assertThrows(IllegalArgumentException.class, () -> searcher.search(MODEL, new float[DIMENSION - 1], 3));
        }
    }
}
