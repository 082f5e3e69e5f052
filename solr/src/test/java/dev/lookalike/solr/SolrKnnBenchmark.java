package dev.lookalike.solr;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.search.IndexSearcher;
import dev.lookalike.search.SearchHit;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * SolrCloud kNN against the local exact search, on seeded clustered vectors in a 2-node, 2-shard
 * in-process SolrCloud: {@code /select} latency (p50, p99) of the {@code {!knn}} query at over-sampling
 * factors 1, 2, 4 and 8, the whole {@link SolrSearcher} search (query and exact re-ranking) and
 * {@link IndexSearcher}'s exact search for the same queries; and recall@k of Solr's own top k before
 * re-ranking, and of the re-ranked answer, against the exact top k.
 *
 * <p>Not a test: a main in the test sources, since it starts the cluster with Solr's test framework. Run
 * from the repository root:
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -B -q -o -pl core,solr test-compile
 * mvn -B -q -o -pl solr dependency:build-classpath -Dmdep.outputFile=/tmp/solr-cp.txt -Dmdep.includeScope=test
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -Xmx3g \
 *     -Djava.security.egd=file:/dev/./urandom \
 *     -cp core/target/classes:core/target/test-classes:solr/target/classes:solr/target/test-classes:$(cat /tmp/solr-cp.txt) \
 *     dev.lookalike.solr.SolrKnnBenchmark [n=20000] [d=512] [queries=200] [k=10]
 * </pre>
 */
public final class SolrKnnBenchmark {

    private static final int SHARDS = 2;
    private static final int[] FACTORS = {1, 2, 4, 8};

    private SolrKnnBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = option(args, "n", 20_000);
        int d = option(args, "d", 512);
        int queryCount = option(args, "queries", 200);
        int k = option(args, "k", 10);
        ModelIdentity model = new ModelIdentity("bench", "0".repeat(64), "out", "none", d);
        Path index = SolrFixtures.syntheticIndex(
                Files.createTempDirectory("solr-bench").resolve("bench.lookalike"), model, "b", 0, n, 42);
        List<float[]> queries = queries(index, model, queryCount);
        try (SolrConnection solr = SolrConnection.open(SolrCluster.zkAddress());
                IndexSearcher local = IndexSearcher.open(index)) {
            PushReport push = new SolrPusher(solr, ProgressReporter.silent())
                    .push(index, "bench", new PushOptions(SHARDS, 1, 500, false));
            System.out.printf(
                    Locale.ROOT,
                    "%d x %d-d clustered vectors, %d shards on %d nodes, %d queries, k=%d;"
                            + " push %.1f s (%.0f vectors/s)%n",
                    n,
                    d,
                    SHARDS,
                    SolrCluster.NODES,
                    queryCount,
                    k,
                    push.elapsed().toMillis() / 1000.0,
                    n / (push.elapsed().toMillis() / 1000.0));
            List<List<String>> exact = new ArrayList<>();
            for (float[] q : queries) {
                exact.add(paths(local.search(model, q, k)));
            }
            double[] localMs = time(queries, q -> local.search(model, q, k));
            System.out.println("| search | topK per shard | p50 ms | p99 ms | recall@" + k + " |");
            System.out.println("|---|---|---|---|---|");
            row("local exact (IndexSearcher)", "-", localMs, 1.0);
            for (int factor : FACTORS) {
                try (SolrSearcher remote =
                        new SolrSearcher(SolrConnection.open(SolrCluster.zkAddress()), "bench", factor)) {
                    int topK = k * factor;
                    double before = 0;
                    double after = 0;
                    for (int i = 0; i < queries.size(); i++) {
                        List<String> knn = remote.candidates(model, queries.get(i), topK).stream()
                                .limit(k)
                                .map(SolrSearcher.Candidate::path)
                                .toList();
                        before += recall(exact.get(i), knn);
                        after += recall(exact.get(i), paths(remote.search(model, queries.get(i), k)));
                    }
                    row(
                            "Solr /select {!knn}, factor " + factor,
                            String.valueOf(topK),
                            time(queries, q -> remote.candidates(model, q, topK)),
                            before / queries.size());
                    row(
                            "SolrSearcher (knn + exact re-rank), factor " + factor,
                            String.valueOf(topK),
                            time(queries, q -> remote.search(model, q, k)),
                            after / queries.size());
                }
            }
        } finally {
            SolrCluster.get().shutdown();
        }
        System.exit(0);
    }

    /** Queries near stored vectors (a perturbed copy), as a near-duplicate search would send. */
    private static List<float[]> queries(Path index, ModelIdentity model, int count) throws Exception {
        SplittableRandom random = new SplittableRandom(99);
        List<float[]> queries = new ArrayList<>();
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            StoredVectors vectors = store.vectors(model);
            int d = vectors.dimension();
            for (int i = 0; i < count; i++) {
                int row = random.nextInt(vectors.count());
                queries.add(SolrFixtures.near(Arrays.copyOfRange(vectors.data(), row * d, (row + 1) * d), random, 0.3));
            }
        }
        return queries;
    }

    private interface Search {
        Object run(float[] query) throws Exception;
    }

    /** Milliseconds per query, after a warm-up pass over the same queries. */
    private static double[] time(List<float[]> queries, Search search) throws Exception {
        for (float[] q : queries) {
            search.run(q);
        }
        double[] ms = new double[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            long start = System.nanoTime();
            search.run(queries.get(i));
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static void row(String what, String topK, double[] sortedMs, double recall) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %s | %.2f | %.2f | %.3f |%n",
                what,
                topK,
                percentile(sortedMs, 0.50),
                percentile(sortedMs, 0.99),
                recall);
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private static double recall(List<String> exact, List<String> found) {
        Set<String> truth = new HashSet<>(exact);
        return found.stream().filter(truth::contains).count() / (double) exact.size();
    }

    private static List<String> paths(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::path).toList();
    }

    private static int option(String[] args, String name, int fallback) {
        for (String arg : args) {
            if (arg.startsWith(name + "=")) {
                return Integer.parseInt(arg.substring(name.length() + 1));
            }
        }
        return fallback;
    }
}
