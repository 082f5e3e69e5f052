package dev.lookalike.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.progress.Progress;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelfJoinTest {

    /** Float rounding of a 768-term sum stays far below this; pairs this close to the threshold may go either way. */
    private static final double EPS = 1e-5;

    /** Clusters of noisy copies, so that thresholds from 0.3 to 0.99 find pairs. */
    static float[] clustered(int n, int dimension, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[n * dimension];
        float[] centre = new float[dimension];
        for (int i = 0; i < n; i++) {
            if (random.nextInt(4) == 0) {
                for (int k = 0; k < dimension; k++) {
                    centre[k] = (float) random.nextGaussian();
                }
            }
            double noise = random.nextDouble() * 1.5;
            for (int k = 0; k < dimension; k++) {
                data[i * dimension + k] = (float) (centre[k] + noise * random.nextGaussian());
            }
        }
        return data;
    }

    /** Cosines in double precision: the reference. */
    static double cosine(float[] data, int dimension, int i, int j) {
        double dot = 0, ni = 0, nj = 0;
        for (int k = 0; k < dimension; k++) {
            double x = data[i * dimension + k], y = data[j * dimension + k];
            dot += x * y;
            ni += x * x;
            nj += y * y;
        }
        return dot / Math.sqrt(ni * nj);
    }

    @ParameterizedTest
    @CsvSource({"13, 700, 0.5, 1", "207, 333, 0.8, 3", "768, 1100, 0.9, 2", "64, 40, 0.3, 4", "768, 1, 0.5, 2"})
    void findsExactlyThePairsOfABruteForce(int dimension, int n, float threshold, int threads) {
        float[] data = clustered(n, dimension, 7L * dimension + n);
        FlatIndex index = new FlatIndex(dimension, threads, 1 << 12); // small chunks: blocks cross them
        index.add(data, n);
        CountingProgress progress = new CountingProgress();
        SelfJoin.Pairs pairs = SelfJoin.pairs(index, threshold, threads, progress);
        assertEquals(n, progress.done.get(), "every row reported once");

        Map<Long, Float> found = new HashMap<>();
        long previous = -1;
        for (int p = 0; p < pairs.count(); p++) {
            int a = pairs.a()[p], b = pairs.b()[p];
            assertTrue(a < b, "pair " + a + ", " + b);
            long key = (long) a << 32 | b;
            assertTrue(key > previous, "sorted by a, then b");
            previous = key;
            found.put(key, pairs.cosines()[p]);
        }
        int expected = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double reference = cosine(data, dimension, i, j);
                Float got = found.get((long) i << 32 | j);
                if (reference >= threshold + EPS) {
                    expected++;
                    assertTrue(got != null, "missing pair " + i + ", " + j + " at " + reference);
                } else if (reference < threshold - EPS) {
                    assertTrue(got == null, "extra pair " + i + ", " + j + " at " + reference);
                }
                if (got != null) {
                    assertEquals(reference, got, EPS, "cosine of " + i + ", " + j);
                    assertTrue(got >= threshold, "reported below the threshold: " + got);
                }
            }
        }
        assertTrue(n < 100 || expected > 0, "the data must have pairs for the test to mean something");
    }

    @Test
    void cosinesAreTheSearchScoresWhateverTheThreadCount() {
        int dimension = 96;
        int n = 900;
        float[] data = clustered(n, dimension, 3);
        FlatIndex index = new FlatIndex(dimension, 1);
        index.add(data, n);
        SelfJoin.Pairs one = SelfJoin.pairs(index, 0.6f, 1, new CountingProgress());
        SelfJoin.Pairs four = SelfJoin.pairs(index, 0.6f, 4, new CountingProgress());
        assertArrayEquals(one.a(), four.a());
        assertArrayEquals(one.b(), four.b());
        assertArrayEquals(one.cosines(), four.cosines());
        int a = one.a()[0], b = one.b()[0];
        Neighbors hits = index.search(new float[][] {index.vector(a)}, n);
        Neighbor hit =
                hits.hits(0).stream().filter(h -> h.ordinal() == b).findFirst().orElseThrow();
        assertEquals(hit.cosine(), one.cosines()[0], 0f, "the join scores a pair as a search does");
    }

    @Test
    void stripsCoveringTheRowsGiveEveryPairOnce() {
        int dimension = 40;
        int n = 500;
        FlatIndex index = new FlatIndex(dimension, 2);
        index.add(clustered(n, dimension, 11), n);
        SelfJoin.Pairs all = SelfJoin.pairs(index, 0.5f, 2, new CountingProgress());
        SelfJoin.Pairs low = SelfJoin.pairs(index, 0.5f, 2, new CountingProgress(), 0, 203);
        SelfJoin.Pairs high = SelfJoin.pairs(index, 0.5f, 3, new CountingProgress(), 203, n);
        assertEquals(all.count(), low.count() + high.count());
        for (int i = 0; i < all.count(); i++) {
            SelfJoin.Pairs part = i < low.count() ? low : high;
            int at = i < low.count() ? i : i - low.count();
            assertEquals(all.a()[i], part.a()[at]);
            assertEquals(all.b()[i], part.b()[at]);
            assertEquals(all.cosines()[i], part.cosines()[at]);
        }
        assertTrue(low.count() > 0 && high.count() > 0, "both strips have pairs");
        assertThrows(
                IllegalArgumentException.class,
                () -> SelfJoin.pairs(index, 0.5f, 1, new CountingProgress(), 10, n + 1));
    }

    @Test
    void refusesBadArguments() {
        FlatIndex index = new FlatIndex(4, 1);
        assertThrows(IllegalArgumentException.class, () -> SelfJoin.pairs(index, Float.NaN, 1, new CountingProgress()));
        assertThrows(IllegalArgumentException.class, () -> SelfJoin.pairs(index, 0.5f, 0, new CountingProgress()));
        assertEquals(0, SelfJoin.pairs(index, 0.5f, 2, new CountingProgress()).count(), "an empty index has no pairs");
    }

    static final class CountingProgress implements Progress {
        final AtomicLong done = new AtomicLong();

        @Override
        public void step(long n) {
            done.addAndGet(n);
        }

        @Override
        public void message(String extra) {}

        @Override
        public void close() {}
    }
}
