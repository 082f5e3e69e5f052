package dev.lookalike.bench;

import dev.lookalike.knn.FlatIndex;
import dev.lookalike.knn.Neighbors;
import dev.lookalike.npy.NpyArray;
import dev.lookalike.vector.VectorUtil;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Exact search, lookalike's {@link FlatIndex} against FAISS {@code IndexFlatIP}, on the article's
 * benchmark size: 150,000 x 768 seeded normalised vectors and 1,448 queries that are noisy copies
 * of database vectors. Both sides search the same {@code .npy} files in one run; the table gives
 * the ratios and whether the top-k ids agree.
 *
 * <p>Run from the repository root (the incubator module enables the SIMD kernels):
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -B -q -pl benchmarks -am package -DskipTests
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -Xmx6g \
 *     -cp core/target/classes:benchmarks/target/classes dev.lookalike.bench.SearchBenchmark \
 *     [--n 150000] [--d 768] [--queries 1448] [--k 10] [--single 50] [--python /usr/bin/python3]
 * </pre>
 *
 * <p>FAISS's batch search is a BLAS {@code sgemm}, so its speed depends on which BLAS Debian's
 * {@code libblas.so.3} resolves to: the reference BLAS of {@code libblas3} is ~50x slower than
 * OpenBLAS. To compare against OpenBLAS without changing the system's BLAS, unpack it and point
 * the FAISS process at it (the Java side ignores the variable):
 * <pre>
 * apt-get download libopenblas0-pthread &amp;&amp; dpkg -x libopenblas0-pthread_*.deb /tmp/openblas
 * LD_LIBRARY_PATH=/tmp/openblas/usr/lib/x86_64-linux-gnu/openblas-pthread java ... SearchBenchmark
 * </pre>
 * {@code OPENBLAS_CORETYPE} and {@code OPENBLAS_L2_SIZE} pass through as set; the report prints
 * the former.
 */
public final class SearchBenchmark {

    private static final long SEED = 20_240_611L;

    private SearchBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int n = Integer.parseInt(options.getOrDefault("n", "150000"));
        int d = Integer.parseInt(options.getOrDefault("d", "768"));
        int m = Integer.parseInt(options.getOrDefault("queries", "1448"));
        int k = Integer.parseInt(options.getOrDefault("k", "10"));
        int single = Integer.parseInt(options.getOrDefault("single", "50"));
        String python = options.getOrDefault("python", "/usr/bin/python3");

        Path dir = Files.createTempDirectory("lookalike-search-bench");
        System.out.printf(
                Locale.ROOT,
                "data: %d x %d base, %d queries, k=%d, kernels %s, %d processors, dir %s%n",
                n,
                d,
                m,
                k,
                VectorUtil.kernels().name(),
                Runtime.getRuntime().availableProcessors(),
                dir);
        float[] base = normalisedGaussian(new SplittableRandom(SEED), n, d);
        float[][] queries = noisyCopies(new SplittableRandom(SEED + 1), base, n, d, m);
        new NpyArray(new int[] {n, d}, base).write(dir.resolve("base.npy"));
        new NpyArray(new int[] {m, d}, flatten(queries, d)).write(dir.resolve("queries.npy"));

        Map<String, Double> ours = new HashMap<>();
        long start = System.nanoTime();
        FlatIndex index = new FlatIndex(d);
        index.add(base, n);
        base = null;
        ours.put("add_s", seconds(start));
        index.search(Arrays.copyOf(queries, 256), k);
        index.search(queries[0], k);

        double[] latencies = new double[single];
        int[][] singleIds = new int[single][];
        for (int i = 0; i < single; i++) {
            start = System.nanoTime();
            Neighbors result = index.search(new float[][] {queries[i]}, k);
            latencies[i] = seconds(start) * 1000;
            singleIds[i] = result.ordinals();
        }
        ours.put("single_median_ms", median(latencies));
        ours.put("single_mean_ms", Arrays.stream(latencies).average().orElseThrow());
        start = System.nanoTime();
        Neighbors batch = index.search(queries, k);
        ours.put("batch_s", seconds(start));

        Map<String, String> faiss = runFaiss(python, dir, k, single);
        float[] faissBatch = NpyArray.read(dir.resolve("faiss_batch_ids.npy")).data();
        float[] faissSingle = NpyArray.read(dir.resolve("faiss_single_ids.npy")).data();
        int batchSame = identicalRows(batch.ordinals(), faissBatch, m, k);
        int singleSame = 0;
        for (int i = 0; i < single; i++) {
            singleSame += identicalRows(singleIds[i], Arrays.copyOfRange(faissSingle, i * k, (i + 1) * k), 1, k);
        }
        printTable(ours, faiss, m);
        explainMismatches(index, queries, batch.ordinals(), faissBatch, k);
        System.out.printf(
                Locale.ROOT,
                "identical top-%d ids: batch %d/%d queries, single %d/%d%n",
                k,
                batchSame,
                m,
                singleSame,
                single);
        System.out.printf(
                Locale.ROOT,
                "lookalike memory: %.1f bytes per vector (raw float32: %d)%n",
                index.bytesPerVector(),
                4 * d);
        faiss.forEach((key, value) -> {
            if (!key.endsWith("_s") && !key.endsWith("_ms")) {
                System.out.println("faiss " + key + ": " + value);
            }
        });
        deleteTree(dir);
    }

    private static void printTable(Map<String, Double> ours, Map<String, String> faiss, int m) {
        System.out.printf(Locale.ROOT, "%-24s %12s %12s %14s%n", "measure", "lookalike", "faiss", "faiss/lookalike");
        for (String key : new String[] {"add_s", "single_median_ms", "single_mean_ms", "batch_s"}) {
            double a = ours.get(key);
            double b = Double.parseDouble(faiss.get(key));
            System.out.printf(Locale.ROOT, "%-24s %12.3f %12.3f %14.2f%n", key, a, b, b / a);
        }
        double oursQps = m / ours.get("batch_s");
        double faissQps = m / Double.parseDouble(faiss.get("batch_s"));
        System.out.printf(
                Locale.ROOT,
                "%-24s %12.1f %12.1f %14.2f%n",
                "batch_queries_per_s",
                oursQps,
                faissQps,
                faissQps / oursQps);
    }

    /** Runs tools/bench/faiss_search.py and parses its key=value lines. */
    private static Map<String, String> runFaiss(String python, Path dir, int k, int single)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        python,
                        "tools/bench/faiss_search.py",
                        dir.toString(),
                        Integer.toString(k),
                        Integer.toString(single))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<String, String> values = new HashMap<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        if (process.waitFor() != 0) {
            throw new IOException("faiss_search.py failed with exit code " + process.exitValue());
        }
        return values;
    }

    /** For the first few queries whose ids differ, the double-precision cosines of both lists. */
    private static void explainMismatches(FlatIndex index, float[][] queries, int[] ours, float[] theirs, int k) {
        int shown = 0;
        for (int q = 0; q < queries.length && shown < 3; q++) {
            int[] faissRow = new int[k];
            for (int c = 0; c < k; c++) {
                faissRow[c] = (int) theirs[q * k + c];
            }
            int[] ourRow = Arrays.copyOfRange(ours, q * k, (q + 1) * k);
            if (!Arrays.equals(ourRow, faissRow)) {
                shown++;
                System.out.printf(
                        Locale.ROOT,
                        "query %d differs:%n  lookalike %s%n  faiss     %s%n",
                        q,
                        describe(index, queries[q], ourRow),
                        describe(index, queries[q], faissRow));
            }
        }
    }

    private static String describe(FlatIndex index, float[] query, int[] ordinals) {
        float[] q = VectorUtil.l2Normalized(query);
        StringBuilder text = new StringBuilder();
        for (int ordinal : ordinals) {
            float[] v = index.vector(ordinal);
            double dot = 0;
            for (int i = 0; i < v.length; i++) {
                dot += (double) q[i] * v[i];
            }
            text.append(String.format(Locale.ROOT, "%d(%.9f) ", ordinal, dot));
        }
        return text.toString().strip();
    }

    private static int identicalRows(int[] ours, float[] theirs, int rows, int k) {
        int same = 0;
        for (int r = 0; r < rows; r++) {
            boolean equal = true;
            for (int c = 0; c < k; c++) {
                equal &= ours[r * k + c] == (int) theirs[r * k + c];
            }
            same += equal ? 1 : 0;
        }
        return same;
    }

    private static float[] normalisedGaussian(SplittableRandom random, int n, int d) {
        float[] values = new float[Math.multiplyExact(n, d)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) gaussian(random);
        }
        for (int i = 0; i < n; i++) {
            VectorUtil.normalizeRow(values, i * d, d);
        }
        return values;
    }

    /** Each query is a database vector plus Gaussian noise of about its own norm, renormalised. */
    private static float[][] noisyCopies(SplittableRandom random, float[] base, int n, int d, int m) {
        float[][] queries = new float[m][d];
        double sigma = 1.0 / Math.sqrt(d);
        for (float[] query : queries) {
            int source = random.nextInt(n);
            for (int j = 0; j < d; j++) {
                query[j] = (float) (base[source * d + j] + sigma * gaussian(random));
            }
            VectorUtil.l2Normalize(query);
        }
        return queries;
    }

    private static float[] flatten(float[][] rows, int d) {
        float[] flat = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return flat;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }
}
