package dev.lookalike.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The reference the searches are checked against: every cosine computed in double, sorted, nothing clever. */
final class BruteForce {

    private BruteForce() {}

    /** {@code v / |v|} in double. */
    static double[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        norm = Math.sqrt(norm);
        double[] unit = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            unit[i] = v[i] / norm;
        }
        return unit;
    }

    /** The {@code k} nearest of {@code vectors} (path to normalised vector), cosine descending, ties by path. */
    static List<SearchHit> search(Map<String, double[]> vectors, double[] query, int k) {
        List<Map.Entry<String, Double>> scored = new ArrayList<>();
        for (Map.Entry<String, double[]> entry : vectors.entrySet()) {
            double dot = 0;
            for (int i = 0; i < query.length; i++) {
                dot += query[i] * entry.getValue()[i];
            }
            scored.add(Map.entry(entry.getKey(), dot));
        }
        scored.sort(Comparator.comparing((Map.Entry<String, Double> e) -> -e.getValue())
                .thenComparing(Map.Entry::getKey));
        List<SearchHit> hits = new ArrayList<>();
        for (int i = 0; i < Math.min(k, scored.size()); i++) {
            double cosine = scored.get(i).getValue();
            hits.add(new SearchHit(i + 1, scored.get(i).getKey(), cosine, 2 - 2 * cosine));
        }
        return hits;
    }

    /**
     * Asserts that {@code actual} is {@code expected} rank by rank: cosines and distances within {@code tolerance},
     * and the same path at each rank, except that images whose exact cosines are within {@code tolerance} of each
     * other may come in either order (float rounding may reorder them, nothing else may).
     */
    static void assertSameHits(List<SearchHit> expected, List<SearchHit> actual, double tolerance, String what) {
        assertEquals(expected.size(), actual.size(), what + ": hit count");
        for (int i = 0; i < expected.size(); i++) {
            SearchHit want = expected.get(i);
            SearchHit got = actual.get(i);
            String where = what + " rank " + (i + 1);
            assertEquals(i + 1, got.rank(), where);
            assertEquals(want.cosine(), got.cosine(), tolerance, where + " cosine");
            assertEquals(want.distance(), got.distance(), 2 * tolerance, where + " distance");
            if (!want.path().equals(got.path())) {
                assertTrue(
                        nearTie(expected, got.path(), want.cosine(), tolerance),
                        where + ": expected " + want.path() + ", got " + got.path() + " and they are not tied");
            }
        }
    }

    private static boolean nearTie(List<SearchHit> expected, String path, double cosine, double tolerance) {
        return expected.stream()
                .anyMatch(hit -> hit.path().equals(path) && Math.abs(hit.cosine() - cosine) <= tolerance);
    }
}
