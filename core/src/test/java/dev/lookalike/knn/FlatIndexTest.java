package dev.lookalike.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FlatIndexTest {

    @Test
    void exactSearchMatchesNaiveDoublePrecisionBruteForceTiesIncluded() {
        float[][] base = vectorsWithDuplicates(new SplittableRandom(1), 3000, 64);
        float[][] queries = queries(new SplittableRandom(2), base, 25);
        // Several thread counts and tiny chunks (64 rows) exercise the query split and chunk edges.
        for (FlatIndex index : List.of(new FlatIndex(64, 1), new FlatIndex(64, 2, 64 * 64), new FlatIndex(64, 3))) {
            index.add(base);
            assertMatchesBruteForce(base, queries, index.search(queries, 10));
        }
    }

    @Test
    void aBulkAddSplitAcrossThreadsStoresWhatOneThreadStores() {
        // 6,000 x 768 floats is past the parallel threshold; small chunks put slice edges inside chunks.
        int n = 6000;
        int d = 768;
        float[][] base = vectorsWithDuplicates(new SplittableRandom(3), n, d);
        FlatIndex serial = new FlatIndex(d, 1);
        FlatIndex parallel = new FlatIndex(d, 3, 1000 * d);
        serial.add(base);
        parallel.add(base);
        for (int i = 0; i < n; i += 7) {
            assertArrayEquals(serial.vector(i), parallel.vector(i), "vector " + i);
        }
        assertArrayEquals(serial.vector(n - 1), parallel.vector(n - 1));
        float[][] queries = queries(new SplittableRandom(4), base, 5);
        assertArrayEquals(
                serial.search(queries, 10).ordinals(),
                parallel.search(queries, 10).ordinals());
        float[] bad = new float[n * d];
        System.arraycopy(new float[] {1}, 0, bad, 0, 1);
        for (int i = 1; i < n - 1; i++) {
            bad[i * d] = 1;
        }
        assertMentions(assertThrows(IllegalArgumentException.class, () -> parallel.add(bad, n)), "vector " + (n - 1));
        assertEquals(n, parallel.size(), "a failed parallel add must add nothing");
    }

    @Test
    void singleQuerySplitAcrossThreadsKeepsTiesInOrdinalOrder() {
        int n = 70_000;
        float[][] base = vectorsWithDuplicates(new SplittableRandom(3), n, 64);
        base[40_000] = base[10].clone();
        base[69_999] = scaled(base[10], 0.5f);
        FlatIndex index = new FlatIndex(64, 2);
        index.add(base);
        List<Integer> top =
                index.search(base[10], 10).stream().map(Neighbor::ordinal).toList();
        assertEquals(10, top.getFirst());
        assertTrue(top.indexOf(40_000) > 0 && top.indexOf(69_999) == top.indexOf(40_000) + 1, top.toString());
        for (float[] query : List.of(base[10], base[69_998], queries(new SplittableRandom(4), base, 1)[0])) {
            assertMatchesBruteForce(base, new float[][] {query}, index.search(new float[][] {query}, 7));
        }
    }

    @Test
    void rowsArePaddedLikeFaissWhenKExceedsSize() {
        FlatIndex index = new FlatIndex(2);
        index.add(new float[][] {{1, 0}, {0, 1}, {1, 1}});
        Neighbors results = index.search(new float[][] {{1, 0}}, 5);
        assertArrayEquals(new int[] {0, 2, 1, -1, -1}, results.ordinals());
        assertEquals(Neighbor.PADDING, results.hit(0, 4));
        assertEquals(3, index.search(new float[] {1, 0}, 5).size());
        assertEquals(0f, results.distances()[0]);
        assertEquals(2f - 2f * (float) Math.sqrt(0.5), results.distances()[1], 1e-6);
        assertEquals(2f, results.distances()[2], 1e-6);
        assertEquals(List.of(), new FlatIndex(2).search(new float[] {1, 0}, 5));
    }

    @Test
    void badArgumentsAreRefusedWithTheValue() {
        FlatIndex index = new FlatIndex(3);
        index.add(new float[][] {{1, 2, 3}});
        for (int k : new int[] {0, -1}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> index.search(new float[] {1, 0, 0}, k));
            assertTrue(e.getMessage().contains(Integer.toString(k)), e.getMessage());
        }
        assertMentions(assertThrows(IllegalArgumentException.class, () -> index.search(new float[4], 1)), "4", "3");
        assertMentions(
                assertThrows(IllegalArgumentException.class, () -> index.add(new float[][] {{1, 1, 1}, {1, 1}})),
                "vector 1",
                "2",
                "3");
        assertMentions(
                assertThrows(IllegalArgumentException.class, () -> index.add(new float[] {1, 1, 1, 0, 0, 0}, 2)),
                "vector 1");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> index.add(new float[5], 2)), "2", "5");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new FlatIndex(0)), "0");
        assertEquals(1, index.size(), "failed adds must add nothing");
    }

    @Test
    void concurrentSearchesGiveTheSameAnswers() throws Exception {
        float[][] base = vectorsWithDuplicates(new SplittableRandom(5), 5000, 48);
        float[][] queries = queries(new SplittableRandom(6), base, 40);
        FlatIndex index = new FlatIndex(48, 2);
        index.add(base);
        Neighbors expected = index.search(queries, 8);
        try (ExecutorService executor = Executors.newFixedThreadPool(4)) {
            List<Future<Neighbors>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int from = t % 10;
                futures.add(executor.submit(() -> index.search(queries, 8)));
                futures.add(executor.submit(() -> index.search(new float[][] {queries[from]}, 8)));
            }
            for (int t = 0; t < futures.size(); t += 2) {
                Neighbors batch = futures.get(t).get();
                assertArrayEquals(expected.ordinals(), batch.ordinals());
                assertArrayEquals(expected.cosines(), batch.cosines());
                int q = (t / 2) % 10;
                assertEquals(expected.hits(q), futures.get(t + 1).get().hits(0));
            }
        }
    }

    @Test
    void storesNormalisedVectorsContiguously() {
        FlatIndex index = new FlatIndex(768);
        float[][] base = vectorsWithDuplicates(new SplittableRandom(7), 2000, 768);
        index.add(base);
        float[] stored = index.vector(5);
        double norm = Math.sqrt(IntStream.range(0, 768)
                .mapToDouble(i -> (double) stored[i] * stored[i])
                .sum());
        assertEquals(1.0, norm, 1e-6);
        double bytes = index.bytesPerVector();
        assertTrue(bytes >= 4 * 768 + 4 && bytes < 1.1 * (4 * 768 + 4), "bytes per vector " + bytes);
    }

    /** Ranks by cosine in double precision, lower ordinal first on equal cosines. */
    private static void assertMatchesBruteForce(float[][] base, float[][] queries, Neighbors results) {
        for (int q = 0; q < queries.length; q++) {
            double[] cosines = new double[base.length];
            for (int i = 0; i < base.length; i++) {
                cosines[i] = cosine(queries[q], base[i]);
            }
            int[] expected = IntStream.range(0, base.length)
                    .boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -cosines[i])
                            .thenComparingInt(i -> i))
                    .limit(results.k())
                    .mapToInt(Integer::intValue)
                    .toArray();
            int[] actual = java.util.Arrays.copyOfRange(results.ordinals(), q * results.k(), (q + 1) * results.k());
            assertArrayEquals(expected, actual, "query " + q);
            for (int r = 0; r < results.k(); r++) {
                Neighbor hit = results.hit(q, r);
                assertEquals(cosines[expected[r]], hit.cosine(), 1e-5, "cosine, query " + q + " rank " + r);
                assertEquals(2 - 2 * cosines[expected[r]], hit.distance(), 1e-5, "distance, query " + q + " rank " + r);
            }
        }
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    /** Gaussian vectors where every 10th is an exact or power-of-two-scaled copy of an earlier one. */
    static float[][] vectorsWithDuplicates(SplittableRandom random, int n, int dimension) {
        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            if (i % 10 == 9) {
                vectors[i] = scaled(vectors[random.nextInt(i)], i % 20 == 9 ? 1f : 2f);
            } else {
                vectors[i] = new float[dimension];
                for (int j = 0; j < dimension; j++) {
                    vectors[i][j] = (float) gaussian(random);
                }
            }
        }
        return vectors;
    }

    /** Noisy copies of stored vectors, and a few stored vectors themselves (exact ties at the top). */
    private static float[][] queries(SplittableRandom random, float[][] base, int count) {
        float[][] queries = new float[count][];
        for (int q = 0; q < count; q++) {
            float[] source = base[random.nextInt(base.length)];
            queries[q] = source.clone();
            if (q % 3 != 0) {
                for (int j = 0; j < source.length; j++) {
                    queries[q][j] += (float) (0.3 * gaussian(random));
                }
            }
        }
        return queries;
    }

    private static float[] scaled(float[] v, float factor) {
        float[] copy = v.clone();
        for (int i = 0; i < copy.length; i++) {
            copy[i] *= factor;
        }
        return copy;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static void assertMentions(IllegalArgumentException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should mention " + part);
        }
    }
}
