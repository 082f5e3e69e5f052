package dev.lookalike.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.Lookalike;
import dev.lookalike.hub.HubSettings;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.store.FileRecord;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.WriteBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reciprocal-rank fusion over an index where some images have a vector for one model only:
 * those sit at the top of that model's ranking, and must neither be returned nor crowd out the
 * images every model has.
 */
class IndexSearcherFusionTest {

    private static final int DIMENSION = 6;
    private static final int BOTH = 150;
    private static final int ONLY_A = 10;
    private static final ModelIdentity A = new ModelIdentity("a", "a".repeat(64), "out", "none", DIMENSION);
    private static final ModelIdentity B = new ModelIdentity("b", "b".repeat(64), "out", "none", DIMENSION);

    @Test
    void rrfReturnsKHitsThatEveryComponentHasAVectorFor(@TempDir Path tmp) throws IOException {
        SplittableRandom random = new SplittableRandom(20261128L);
        float[] queryA = gaussian(random);
        float[] queryB = gaussian(random);
        Map<String, double[]> vectorsA = new LinkedHashMap<>();
        Map<String, double[]> vectorsB = new LinkedHashMap<>();
        Path index = tmp.resolve("index");
        try (IndexStore store = IndexStore.create(index, "/photos", "test");
                WriteBatch batch = store.beginBatch()) {
            store.registerModel(A);
            store.registerModel(B);
            for (int i = 0; i < BOTH + ONLY_A; i++) {
                String path = "img%03d.jpg".formatted(i);
                boolean onlyA = i < ONLY_A;
                float[] a = onlyA ? nudged(queryA, random) : gaussian(random);
                float[] b = gaussian(random);
                batch.putFile(
                        FileRecord.ok(path, 1000 + i, 1_700_000_000_000L + i, "%064x".formatted(i), 8, 8),
                        onlyA ? Map.of("a", a) : Map.of("a", a, "b", b));
                vectorsA.put(path, BruteForce.normalised(a));
                if (!onlyA) {
                    vectorsB.put(path, BruteForce.normalised(b));
                }
            }
            batch.commit();
        }
        int k = Fusion.RRF_DEPTH;
        List<String> expected = expectedRrf(
                List.of(
                        BruteForce.search(vectorsA, BruteForce.normalised(queryA), k),
                        BruteForce.search(vectorsB, BruteForce.normalised(queryB), k)),
                vectorsB,
                k);
        try (IndexSearcher searcher = IndexSearcher.open(index)) {
            EmbeddedQuery query = new EmbeddedQuery(
                    "q",
                    Map.of(
                            "a",
                            new EmbeddedQuery.ModelVector(A, queryA),
                            "b",
                            new EmbeddedQuery.ModelVector(B, queryB)));
            List<SearchHit> hits = searcher.search(ModelChoice.parse("a+b:rrf"), query, k);
            assertEquals(expected, hits.stream().map(SearchHit::path).toList());
            for (SearchHit hit : hits) {
                double mean = (dot(vectorsA.get(hit.path()), BruteForce.normalised(queryA))
                                + dot(vectorsB.get(hit.path()), BruteForce.normalised(queryB)))
                        / 2;
                assertEquals(mean, hit.cosine(), 1e-6, hit.path() + ": an RRF hit shows the mean cosine");
            }
            List<SearchHit> mean = searcher.search(ModelChoice.parse("a+b"), query, 5);
            List<String> bestMean = vectorsB.keySet().stream()
                    .sorted(java.util.Comparator.comparingDouble(
                                    (String path) -> -(dot(vectorsA.get(path), BruteForce.normalised(queryA))
                                            + dot(vectorsB.get(path), BruteForce.normalised(queryB))))
                            .thenComparing(path -> path))
                    .limit(5)
                    .toList();
            assertEquals(bestMean, mean.stream().map(SearchHit::path).toList(), "the mean fusion skips a-only images");
            assertEquals(searcher.search(A, queryA, 3), searcher.search(ModelChoice.parse("a"), query, 3));
        }
    }

    @Test
    void compareRefusesRrfBeforeReadingAnyImage(@TempDir Path tmp) {
        try (Lookalike lookalike = Lookalike.builder()
                .hub(HubSettings.fromEnvironment(tmp.resolve("home")))
                .build()) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> lookalike.compare(
                            tmp.resolve("absent-a.jpg"),
                            tmp.resolve("absent-b.jpg"),
                            ModelSelection.of(List.of("clip", "clip+dinov2:rrf"))));
            assertTrue(e.getMessage().startsWith("clip+dinov2:rrf: reciprocal-rank fusion"), e.getMessage());
        }
    }

    /** Sum of 1 / (60 + rank) per path, the paths {@code keep} lacks dropped, best k, ties by path. */
    private static List<String> expectedRrf(List<List<SearchHit>> rankings, Map<String, double[]> keep, int k) {
        Map<String, Double> scores = new HashMap<>();
        for (List<SearchHit> ranking : rankings) {
            for (SearchHit hit : ranking) {
                scores.merge(hit.path(), 1.0 / (60 + hit.rank()), Double::sum);
            }
        }
        List<Map.Entry<String, Double>> kept = new ArrayList<>(scores.entrySet().stream()
                .filter(e -> keep.containsKey(e.getKey()))
                .toList());
        kept.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return kept.stream().limit(k).map(Map.Entry::getKey).toList();
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static float[] nudged(float[] v, SplittableRandom random) {
        float[] copy = v.clone();
        for (int i = 0; i < copy.length; i++) {
            copy[i] += (float) (0.01 * random.nextGaussian());
        }
        return copy;
    }

    private static float[] gaussian(SplittableRandom random) {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
