package dev.lookalike.bench;

import dev.lookalike.knn.FlatIndex;
import dev.lookalike.knn.SelfJoin;
import dev.lookalike.npy.NpyArray;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.progress.ProgressUnit;
import dev.lookalike.vector.VectorUtil;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The exact self-join of {@code dedup} ({@link SelfJoin}) against FAISS {@code range_search} on an
 * {@code IndexFlatIP} of the same vectors, in one run: seeded clusters of noisy copies (1 to 8 per cluster, noise
 * drawn per cluster, so 0.9 finds close copies and 0.5 many more pairs), L2-normalised, written once as
 * {@code .npy}. For each threshold, lookalike joins, then FAISS runs once per BLAS setting, and the pair sets are
 * compared (pairs within 1e-5 of the threshold may differ by float rounding and are counted apart; FAISS keeps
 * scores strictly above the radius, lookalike at or above).
 *
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -B -q -pl benchmarks -am package -DskipTests
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -Xmx8g \
 *     -cp core/target/classes:benchmarks/target/classes dev.lookalike.bench.SelfJoinBenchmark \
 *     [--n 100000] [--d 768] [--thresholds 0.9,0.5] [--strip ROWS] \
 *     [--faiss default,/usr/lib/x86_64-linux-gnu/blas:2000] [--python /usr/bin/python3]
 * </pre>
 *
 * <p>{@code --faiss} lists FAISS runs: {@code default} is the BLAS {@code libblas.so.3} resolves to as installed,
 * a directory is put on {@code LD_LIBRARY_PATH} (Debian's reference BLAS lives in
 * {@code /usr/lib/x86_64-linux-gnu/blas}, OpenBLAS in {@code .../openblas-pthread}); {@code :ROWS} limits that run
 * to the first ROWS query rows (a strip of the join, for a slow BLAS), and its time is also given scaled to the
 * whole join by the work ratio. {@code --strip ROWS} does the same for lookalike (for 1,000,000 vectors on a small
 * machine); the memory line gives the heap the index takes.
 */
public final class SelfJoinBenchmark {

    private static final long SEED = 20_261_204L;
    private static final double BOUNDARY = 1e-5;

    private SelfJoinBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int n = Integer.parseInt(options.getOrDefault("n", "100000"));
        int d = Integer.parseInt(options.getOrDefault("d", "768"));
        int strip = Integer.parseInt(options.getOrDefault("strip", Integer.toString(n)));
        String python = options.getOrDefault("python", "/usr/bin/python3");
        List<String> faissRuns =
                options.containsKey("faiss") && options.get("faiss").isEmpty()
                        ? List.of()
                        : List.of(options.getOrDefault("faiss", "default").split(","));
        int threads = Runtime.getRuntime().availableProcessors();

        Path dir = Files.createTempDirectory("lookalike-selfjoin-bench");
        System.out.printf(
                Locale.ROOT,
                "data: %d x %d clustered normalised vectors, kernels %s, %d processors, dir %s%n",
                n,
                d,
                VectorUtil.kernels().name(),
                threads,
                dir);
        float[] base = clustered(new SplittableRandom(SEED), n, d);
        new NpyArray(new int[] {n, d}, base).write(dir.resolve("base.npy"));

        long start = System.nanoTime();
        FlatIndex index = new FlatIndex(d, threads);
        index.add(base, n);
        base = null;
        double addSeconds = seconds(start);
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf(
                Locale.ROOT,
                "lookalike: index built in %.2f s; heap after GC %.0f MiB (%.0f bytes per"
                        + " vector, raw float32 %d)%n",
                addSeconds,
                heap / 1048576.0,
                index.bytesPerVector(),
                4 * d);
        SelfJoin.pairs(
                index,
                0.99f,
                threads,
                ProgressReporter.silent().start("warm-up", 0, ProgressUnit.ITEMS),
                0,
                Math.min(n, 2048)); // JIT warm-up

        for (String t : options.getOrDefault("thresholds", "0.9,0.5").split(",")) {
            float threshold = Float.parseFloat(t);
            start = System.nanoTime();
            SelfJoin.Pairs ours = SelfJoin.pairs(
                    index,
                    threshold,
                    threads,
                    ProgressReporter.silent().start("join", n, ProgressUnit.ITEMS),
                    0,
                    strip);
            double oursSeconds = seconds(start);
            System.out.printf(
                    Locale.ROOT,
                    "%nthreshold %.2f: lookalike %.2f s for rows [0, %d) (whole join %.2f s"
                            + " scaled by work), %d pairs (%.1f MiB)%n",
                    threshold,
                    oursSeconds,
                    strip,
                    oursSeconds * workRatio(n, strip, true),
                    ours.count(),
                    ours.count() * 12 / 1048576.0);
            for (String run : faissRuns) {
                faiss(python, dir, run, n, threshold, ours, strip, oursSeconds);
            }
        }
        Files.deleteIfExists(dir.resolve("base.npy"));
        Files.deleteIfExists(dir.resolve("faiss_pairs.npy"));
        Files.deleteIfExists(dir);
    }

    /** Runs one FAISS configuration and compares its pairs with ours on the rows both covered. */
    private static void faiss(
            String python,
            Path dir,
            String run,
            int n,
            float threshold,
            SelfJoin.Pairs ours,
            int oursRows,
            double oursSeconds)
            throws IOException, InterruptedException {
        String[] parts = run.split(":");
        int rows = parts.length > 1 ? Integer.parseInt(parts[1]) : n;
        ProcessBuilder builder = new ProcessBuilder(
                        python,
                        "tools/bench/faiss_range.py",
                        dir.resolve("base.npy").toString(),
                        Float.toString(threshold),
                        Integer.toString(rows),
                        dir.resolve("faiss_pairs.npy").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        if (!parts[0].equals("default")) {
            builder.environment().put("LD_LIBRARY_PATH", parts[0]);
        }
        Map<String, String> values = new LinkedHashMap<>();
        Process process = builder.start();
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
            throw new IOException("faiss_range.py failed for " + run);
        }
        double seconds = Double.parseDouble(values.get("range_search_s"));
        double whole = seconds * workRatio(n, rows, false);
        double oursWhole = oursSeconds * workRatio(n, oursRows, true);
        System.out.printf(
                Locale.ROOT,
                "  faiss %s (%s): %.2f s for rows [0, %d) (whole join %.2f s scaled),"
                        + " peak RSS %s MiB; faiss / lookalike %.2f%n",
                run,
                values.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("blas"))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse("?"),
                seconds,
                rows,
                whole,
                values.get("peak_rss_mib"),
                whole / oursWhole);
        compare(NpyArray.read(dir.resolve("faiss_pairs.npy")).data(), ours, Math.min(rows, oursRows), threshold);
    }

    /**
     * How much more work the whole join is than rows [0, rows): lookalike scores the upper triangle (row i
     * against the n - i rows from it), FAISS every query against all n.
     */
    private static double workRatio(int n, int rows, boolean triangle) {
        if (!triangle) {
            return (double) n / rows;
        }
        double whole = (double) n * (n + 1) / 2;
        double done = (double) rows * n - (double) rows * (rows - 1) / 2;
        return whole / done;
    }

    private static void compare(float[] faiss, SelfJoin.Pairs ours, int rows, float threshold) {
        Map<Long, Float> theirs = new HashMap<>();
        for (int p = 0; p < faiss.length / 3; p++) {
            if ((int) faiss[3 * p] < rows) {
                theirs.put((long) faiss[3 * p] << 32 | (long) faiss[3 * p + 1], faiss[3 * p + 2]);
            }
        }
        int same = 0;
        int onlyOurs = 0;
        int boundary = 0;
        double maxDiff = 0;
        for (int p = 0; p < ours.count(); p++) {
            if (ours.a()[p] >= rows) {
                continue;
            }
            Float other = theirs.remove((long) ours.a()[p] << 32 | ours.b()[p]);
            if (other != null) {
                same++;
                maxDiff = Math.max(maxDiff, Math.abs(other - ours.cosines()[p]));
            } else if (Math.abs(ours.cosines()[p] - threshold) < BOUNDARY) {
                boundary++;
            } else {
                onlyOurs++;
            }
        }
        long onlyTheirs = theirs.values().stream()
                .filter(c -> Math.abs(c - threshold) >= BOUNDARY)
                .count();
        boundary += (int) (theirs.size() - onlyTheirs);
        System.out.printf(
                Locale.ROOT,
                "  pairs on rows [0, %d): %d in both, %d only lookalike, %d only faiss, %d"
                        + " within 1e-5 of the threshold in one only; max cosine difference %.2e; identical: %s%n",
                rows,
                same,
                onlyOurs,
                onlyTheirs,
                boundary,
                maxDiff,
                onlyOurs == 0 && onlyTheirs == 0
                        ? (boundary == 0 ? "yes" : "yes, up to rounding at the threshold")
                        : "NO");
    }

    /** Clusters of 1 to 8 noisy copies of a random direction, the noise level drawn per cluster. */
    private static float[] clustered(SplittableRandom random, int n, int d) {
        float[] data = new float[Math.multiplyExact(n, d)];
        float[] centre = new float[d];
        int left = 0;
        double noise = 0;
        for (int i = 0; i < n; i++) {
            if (left == 0) {
                left = 1 + random.nextInt(8);
                noise = 0.15 + random.nextDouble() * 1.05;
                for (int k = 0; k < d; k++) {
                    centre[k] = (float) random.nextGaussian();
                }
                VectorUtil.l2Normalize(centre);
            }
            left--;
            double scale = noise / Math.sqrt(d);
            for (int k = 0; k < d; k++) {
                data[i * d + k] = (float) (centre[k] + scale * random.nextGaussian());
            }
            VectorUtil.normalizeRow(data, i * d, d);
        }
        return data;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
