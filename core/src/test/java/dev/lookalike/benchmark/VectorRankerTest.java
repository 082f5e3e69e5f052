package dev.lookalike.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.search.ModelChoice;
import dev.lookalike.search.QueryVectors;
import dev.lookalike.store.StoredVectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rankings from vectors, plain and fused, against a brute force in double over the same vectors. */
class VectorRankerTest {

    private static final int REFERENCES = 150;
    private static final int QUERIES = 12;
    private static final int K = 7;

    private final Random random = new Random(20260312L);
    private final Map<String, StoredVectors> references = new HashMap<>();
    private final Map<String, QueryVectors> queries = new HashMap<>();

    VectorRankerTest() {
        add("a", 13);
        add("b", 30);
    }

    private void add(String model, int dimension) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < REFERENCES; i++) {
            paths.add("sub/R%03d.jpg".formatted(i));
        }
        references.put(
                model,
                new StoredVectors(
                        new ModelIdentity(model, model + "-sha", "out", "none", dimension),
                        paths,
                        gaussian(REFERENCES * dimension)));
        List<String> ids = new ArrayList<>();
        float[][] vectors = new float[QUERIES][];
        for (int q = 0; q < QUERIES; q++) {
            ids.add("Q%02d".formatted(q));
            vectors[q] = gaussian(dimension);
        }
        queries.put(model, new QueryVectors(references.get(model).model(), ids, vectors));
    }

    @Test
    void plainModelsRankByCosine() {
        Predictions predictions = new VectorRanker(references, queries, K)
                .rank(ModelChoice.parse("a"))
                .predictions();
        for (int q = 0; q < QUERIES; q++) {
            String id = "Q%02d".formatted(q);
            assertSame(brute(id, List.of("a")), predictions.of(id));
        }
    }

    @Test
    void meanCosineFusionRanksByTheMeanOfTheCosines() {
        Predictions predictions = new VectorRanker(references, queries, K)
                .rank(ModelChoice.parse("a+b"))
                .predictions();
        assertEquals("a+b", predictions.model());
        for (int q = 0; q < QUERIES; q++) {
            String id = "Q%02d".formatted(q);
            assertSame(brute(id, List.of("a", "b")), predictions.of(id));
        }
    }

    @Test
    void rrfFusesEachModelsTopHundred() {
        Predictions predictions = new VectorRanker(references, queries, K)
                .rank(ModelChoice.parse("a+b:rrf"))
                .predictions();
        for (int q = 0; q < QUERIES; q++) {
            String id = "Q%02d".formatted(q);
            Map<String, Double> rrf = new HashMap<>();
            for (String model : List.of("a", "b")) {
                List<Candidate> ranking = brute(id, List.of(model)).subList(0, 100);
                for (int r = 0; r < ranking.size(); r++) {
                    rrf.merge(ranking.get(r).referenceId(), 1.0 / (60 + r + 1), Double::sum);
                }
            }
            List<Candidate> expected = rrf.entrySet().stream()
                    .map(e -> new Candidate(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparingDouble(Candidate::score)
                            .reversed()
                            .thenComparing(Candidate::referenceId))
                    .limit(K)
                    .toList();
            assertEquals(expected, predictions.of(id));
        }
    }

    @Test
    void rrfRanksOnlyTheReferencesEveryComponentHas() {
        java.util.Set<String> missing = new java.util.TreeSet<>();
        for (int q = 0; q < QUERIES; q++) {
            brute("Q%02d".formatted(q), List.of("a")).subList(0, 2).forEach(c -> missing.add(c.referenceId()));
        }
        StoredVectors b = references.get("b");
        List<String> paths = new ArrayList<>();
        float[] data = new float[(REFERENCES - missing.size()) * b.dimension()];
        for (int r = 0; r < REFERENCES; r++) {
            if (!missing.contains("R%03d".formatted(r))) {
                System.arraycopy(b.data(), r * b.dimension(), data, paths.size() * b.dimension(), b.dimension());
                paths.add(b.paths().get(r));
            }
        }
        Map<String, StoredVectors> partial = new HashMap<>(references);
        partial.put("b", new StoredVectors(b.model(), paths, data));
        int k = 100; // deep enough that a-only references would crowd the fused list if they were kept
        Predictions predictions = new VectorRanker(partial, queries, k)
                .rank(ModelChoice.parse("a+b:rrf"))
                .predictions();
        for (int q = 0; q < QUERIES; q++) {
            String id = "Q%02d".formatted(q);
            Map<String, Double> rrf = new HashMap<>();
            List<List<Candidate>> rankings = List.of(
                    brute(id, List.of("a")),
                    brute(id, List.of("b")).stream()
                            .filter(c -> !missing.contains(c.referenceId()))
                            .toList());
            for (List<Candidate> ranking : rankings) {
                for (int r = 0; r < 100; r++) {
                    rrf.merge(ranking.get(r).referenceId(), 1.0 / (60 + r + 1), Double::sum);
                }
            }
            List<Candidate> expected = rrf.entrySet().stream()
                    .filter(e -> !missing.contains(e.getKey()))
                    .map(e -> new Candidate(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparingDouble(Candidate::score)
                            .reversed()
                            .thenComparing(Candidate::referenceId))
                    .limit(k)
                    .toList();
            assertEquals(expected, predictions.of(id));
        }
    }

    /** Every reference scored in double by the mean cosine over {@code models}, best first. */
    private List<Candidate> brute(String query, List<String> models) {
        int q = Integer.parseInt(query.substring(1));
        List<Candidate> all = new ArrayList<>();
        for (int r = 0; r < REFERENCES; r++) {
            double sum = 0;
            for (String model : models) {
                StoredVectors refs = references.get(model);
                int d = refs.dimension();
                float[] row = java.util.Arrays.copyOfRange(refs.data(), r * d, (r + 1) * d);
                sum += cosine(queries.get(model).vectors()[q], row);
            }
            all.add(new Candidate("R%03d".formatted(r), sum / models.size()));
        }
        all.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::referenceId));
        return all;
    }

    private static void assertSame(List<Candidate> expected, List<Candidate> actual) {
        assertEquals(K, actual.size());
        for (int i = 0; i < K; i++) {
            assertEquals(expected.get(i).referenceId(), actual.get(i).referenceId(), "rank " + (i + 1));
            assertEquals(expected.get(i).score(), actual.get(i).score(), 1e-5, "rank " + (i + 1));
        }
    }

    private float[] gaussian(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
