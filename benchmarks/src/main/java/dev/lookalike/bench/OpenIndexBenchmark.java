package dev.lookalike.bench;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.search.IndexSearcher;
import dev.lookalike.search.SearchHit;
import dev.lookalike.store.FileRecord;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.WriteBatch;
import dev.lookalike.vector.VectorUtil;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Opening an index of the article's benchmark size (150,000 images, one 768-d model) and
 * answering the first query, which loads that model's vectors from the store into memory:
 * what a user waits for at the start of {@code search}. Usage:
 * <pre>java --add-modules jdk.incubator.vector -Xmx4g -cp benchmarks/target/lookalike-benchmarks.jar
 *     dev.lookalike.bench.OpenIndexBenchmark [N] [DIM]</pre>
 */
public final class OpenIndexBenchmark {

    private OpenIndexBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 150_000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 768;
        Path dir = Files.createTempDirectory("lookalike-open-bench").resolve("index");
        ModelIdentity model = new ModelIdentity("dinov2", "0".repeat(64), "last_hidden_state", "mean", d);
        SplittableRandom random = new SplittableRandom(7);
        long start = System.nanoTime();
        try (IndexStore store = IndexStore.create(dir, "/photos", "bench")) {
            store.registerModel(model);
            for (int from = 0; from < n; from += 1024) {
                try (WriteBatch batch = store.beginBatch()) {
                    for (int i = from; i < Math.min(n, from + 1024); i++) {
                        String path = String.format(Locale.ROOT, "R%06d.jpg", i);
                        batch.putFile(
                                FileRecord.ok(path, 1000 + i, 0, "%064x".formatted(i), 640, 480),
                                Map.of(model.name(), vector(random, d)));
                    }
                    batch.commit();
                }
            }
        }
        System.out.printf(Locale.ROOT, "wrote %d x %d vectors in %.1f s (%s)%n", n, d, seconds(start), dir);

        float[] query = vector(random, d);
        start = System.nanoTime();
        try (IndexSearcher searcher = IndexSearcher.open(dir)) {
            double opened = seconds(start);
            List<SearchHit> first = searcher.search(model, query, 10);
            double firstAnswer = seconds(start);
            long again = System.nanoTime();
            searcher.search(model, vector(random, d), 10);
            System.out.printf(
                    Locale.ROOT,
                    "open %.3f s, first answer after %.3f s (top hit %s), next query %.1f ms%n",
                    opened,
                    firstAnswer,
                    first.get(0).path(),
                    (System.nanoTime() - again) / 1e6);
        }
    }

    private static float[] vector(SplittableRandom random, int d) {
        float[] v = new float[d];
        for (int i = 0; i < d; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return VectorUtil.l2Normalized(v);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
