package dev.lookalike.bench;

import dev.lookalike.benchmark.ArticleMetrics;
import dev.lookalike.benchmark.BackgroundCalibration;
import dev.lookalike.benchmark.BackgroundOptions;
import dev.lookalike.benchmark.Evaluation;
import dev.lookalike.benchmark.GroundTruth;
import dev.lookalike.benchmark.IscMetrics;
import dev.lookalike.benchmark.Predictions;
import dev.lookalike.benchmark.Variant;
import dev.lookalike.benchmark.VectorRanker;
import dev.lookalike.calibration.PcaWhitening;
import dev.lookalike.calibration.ScoreNormalization;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.search.ModelChoice;
import dev.lookalike.search.QueryVectors;
import dev.lookalike.store.StoredVectors;
import dev.lookalike.vector.VectorUtil;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * Where a {@code bench} run's time goes once the vectors exist: the article's size, 1,448 queries
 * against 150,000 references (seeded normalised 768-d vectors; each query a noisy copy of a
 * reference, so every query has a match), through the library's own path: {@link VectorRanker}
 * (index build, one batched exact search), then the article's and ISC2021's metrics and the pair
 * analysis. Prints the split: time inside {@code FlatIndex.search} against everything else, in
 * wall time and in process CPU time (steadier on a shared machine).
 *
 * <p>Run from the repository root:
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -B -q -o -pl core,benchmarks -am package -DskipTests
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -Xmx4g \
 *     -cp core/target/classes:benchmarks/target/classes dev.lookalike.bench.BenchSplitBenchmark \
 *     [--n 150000] [--d 768] [--queries 1448] [--k 10] [--models 1]
 * </pre>
 * With {@code --models 2} a second model of the same size is added and the pair analysis runs.
 *
 * <p>With {@code --background 100000} (and {@code --whiten true}, the default then), every model also
 * gets its background variants ({@link BackgroundCalibration}): the background's index and exact
 * search for score normalisation, PCA whitening learned on the background (covariance and
 * eigendecomposition), the projection of every reference, query and background vector, and the
 * whitened rankings; the split shows each, against the raw run's total.
 */
public final class BenchSplitBenchmark {

    private static final long SEED = 20_260_312L;

    private BenchSplitBenchmark() {}

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        int n = Integer.parseInt(options.getOrDefault("n", "150000"));
        int d = Integer.parseInt(options.getOrDefault("d", "768"));
        int m = Integer.parseInt(options.getOrDefault("queries", "1448"));
        int k = Integer.parseInt(options.getOrDefault("k", "10"));
        int modelCount = Integer.parseInt(options.getOrDefault("models", "1"));
        int backgroundCount = Integer.parseInt(options.getOrDefault("background", "0"));
        boolean whiten = Boolean.parseBoolean(options.getOrDefault("whiten", "true"));
        System.out.printf(
                Locale.ROOT,
                "%d references x %d-d, %d queries, k=%d, %d model(s), kernels %s, %d processors%n",
                n,
                d,
                m,
                k,
                modelCount,
                VectorUtil.kernels().name(),
                Runtime.getRuntime().availableProcessors());

        List<String> paths = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            paths.add("R%06d.jpg".formatted(i));
        }
        SplittableRandom random = new SplittableRandom(SEED);
        int[] sources = new int[m];
        for (int q = 0; q < m; q++) {
            sources[q] = random.nextInt(n);
        }
        Map<String, Optional<String>> truthMap = new LinkedHashMap<>();
        List<String> queryIds = new ArrayList<>();
        for (int q = 0; q < m; q++) {
            queryIds.add("Q%05d".formatted(q));
            truthMap.put(queryIds.get(q), Optional.of("R%06d".formatted(sources[q])));
        }
        GroundTruth truth = GroundTruth.of(truthMap);
        Map<String, StoredVectors> references = new LinkedHashMap<>();
        Map<String, QueryVectors> queries = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int model = 0; model < modelCount; model++) {
            String name = "m" + model;
            float[] base = normalisedGaussian(random, n, d);
            ModelIdentity identity = new ModelIdentity(name, "synthetic", "out", "none", d);
            references.put(name, new StoredVectors(identity, paths, base));
            queries.put(name, new QueryVectors(identity, queryIds, noisyCopies(random, base, d, sources)));
            names.add(name);
        }

        long start = System.nanoTime();
        VectorRanker ranker = new VectorRanker(references, queries, k);
        double search = 0;
        double build = 0;
        long rankCpu = 0;
        List<Predictions> all = new ArrayList<>();
        Map<String, VectorRanker.Ranked> raw = new LinkedHashMap<>();
        for (String name : names) {
            long cpu = cpuNanos();
            VectorRanker.Ranked ranked = ranker.rank(ModelChoice.parse(name));
            rankCpu += cpuNanos() - cpu;
            search += ranked.searchSeconds();
            build += ranked.buildSeconds();
            all.add(ranked.predictions());
            raw.put(name, ranked);
        }
        long scoring = System.nanoTime();
        long scoringCpu = cpuNanos();
        for (Predictions predictions : all) {
            ArticleMetrics article = ArticleMetrics.of(truth, predictions);
            IscMetrics isc = IscMetrics.of(truth, predictions);
            System.out.printf(
                    Locale.ROOT,
                    "%s: accuracy@1 %.4f, top-3 %.4f, uAP %.4f, recall@rank10 %.4f%n",
                    predictions.model(),
                    article.accuracyAt1(),
                    article.accuracyAt3(),
                    isc.uap(),
                    isc.recallAtRank10());
        }
        Evaluation.overlaps(truth, all);
        double metrics = (System.nanoTime() - scoring) / 1e9;
        double metricsCpu = (cpuNanos() - scoringCpu) / 1e9;
        double total = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-28s %9s %7s%n", "stage (wall)", "seconds", "share");
        row("search (FlatIndex.search)", search, total);
        row("index build (add + ids)", build, total);
        row("predictions assembly", total - search - build - metrics, total);
        row("metrics + pair analysis", metrics, total);
        row("total", total, total);
        System.out.printf(
                Locale.ROOT,
                "outside search: %.1f%% of the wall time (target: under 10%%)%n",
                100 * (total - search) / total);
        if (backgroundCount > 0) {
            background(random, backgroundCount, d, k, whiten, references, queries, raw, truth, total);
        }

        // On a shared machine wall time swings with the load; CPU time shows the work itself.
        // Ranking again reuses each index, so the difference is the build's CPU time.
        long again = cpuNanos();
        names.forEach(name -> ranker.rank(ModelChoice.parse(name)));
        double searchCpu = (cpuNanos() - again) / 1e9;
        double buildCpu = rankCpu / 1e9 - searchCpu;
        double totalCpu = searchCpu + buildCpu + metricsCpu;
        System.out.printf(Locale.ROOT, "%-28s %9s %7s%n", "stage (process CPU)", "seconds", "share");
        row("search + assembly", searchCpu, totalCpu);
        row("index build", buildCpu, totalCpu);
        row("metrics + pair analysis", metricsCpu, totalCpu);
        System.out.printf(
                Locale.ROOT, "outside search: %.1f%% of the CPU time%n", 100 * (buildCpu + metricsCpu) / totalCpu);
    }

    /** The background variants' split, against {@code rawTotal}, the raw run's wall time. */
    private static void background(
            SplittableRandom random,
            int count,
            int d,
            int k,
            boolean whiten,
            Map<String, StoredVectors> references,
            Map<String, QueryVectors> queries,
            Map<String, VectorRanker.Ranked> raw,
            GroundTruth truth,
            double rawTotal) {
        Map<String, StoredVectors> backgrounds = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            paths.add("B%06d.jpg".formatted(i));
        }
        references.forEach((name, refs) ->
                backgrounds.put(name, new StoredVectors(refs.model(), paths, normalisedGaussian(random, count, d))));
        BackgroundOptions options =
                new BackgroundOptions(Path.of("synthetic"), ScoreNormalization.DEFAULT, whiten, OptionalInt.empty());
        long start = System.nanoTime();
        BackgroundCalibration calibration = BackgroundCalibration.learn(options, references, queries, backgrounds, k);
        double learn = (System.nanoTime() - start) / 1e9;
        double learnOnly = 0;
        if (whiten) { // the covariance and eigendecomposition alone, once more: the rest of learn() is projection
            long again = System.nanoTime();
            for (StoredVectors vectors : backgrounds.values()) {
                PcaWhitening.learn(vectors.data(), vectors.count(), d, PcaWhitening.maxDimension(d, count));
            }
            learnOnly = (System.nanoTime() - again) / 1e9;
        }
        Map<Variant, double[]> seconds = new java.util.EnumMap<>(Variant.class); // search, build, rest
        double metrics = 0;
        for (Map.Entry<String, VectorRanker.Ranked> entry : raw.entrySet()) {
            long variantsStart = System.nanoTime();
            Map<Variant, VectorRanker.Ranked> variants =
                    calibration.variants(ModelChoice.parse(entry.getKey()), entry.getValue());
            double variantsWall = (System.nanoTime() - variantsStart) / 1e9;
            double accounted = 0;
            for (Map.Entry<Variant, VectorRanker.Ranked> v : variants.entrySet()) {
                double[] s = seconds.computeIfAbsent(v.getKey(), x -> new double[3]);
                // A score-normalised ranking's times include those of the ranking it shifts: count only its own.
                VectorRanker.Ranked base = v.getKey() == Variant.SCORE_NORM
                        ? entry.getValue()
                        : v.getKey() == Variant.WHITEN_SCORE_NORM ? variants.get(Variant.WHITEN) : null;
                double ownSearch = v.getValue().searchSeconds() - (base == null ? 0 : base.searchSeconds());
                double ownBuild = v.getValue().buildSeconds() - (base == null ? 0 : base.buildSeconds());
                s[0] += ownSearch;
                s[1] += ownBuild;
                accounted += ownSearch + ownBuild;
                long m = System.nanoTime();
                IscMetrics isc = IscMetrics.of(truth, v.getValue().predictions());
                ArticleMetrics.of(truth, v.getValue().predictions());
                metrics += (System.nanoTime() - m) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "%s %s: uAP %.4f, recall@P90 %.4f%n",
                        entry.getKey(),
                        v.getKey().key(),
                        isc.uap(),
                        isc.recallAtP90());
            }
            seconds.computeIfAbsent(Variant.SCORE_NORM, x -> new double[3])[2] += variantsWall - accounted;
        }
        System.out.printf(
                Locale.ROOT,
                "background %d x %d-d, score normalisation %s%s; against the raw run's %.3f s:%n",
                count,
                d,
                options.scoreNorm(),
                whiten ? ", whitening" : "",
                rawTotal);
        System.out.printf(Locale.ROOT, "%-40s %9s %7s%n", "stage (wall)", "seconds", "of raw");
        double extra = learn + metrics;
        if (whiten) {
            row("whitening: covariance + eigenvectors", learnOnly, rawTotal);
            row("whitening: projecting every vector", learn - learnOnly, rawTotal);
        } else {
            row("setup", learn, rawTotal);
        }
        for (Map.Entry<Variant, double[]> v : seconds.entrySet()) {
            String name = v.getKey() == Variant.WHITEN ? "whitened refs" : "background";
            // score_norm and whiten+score_norm: the background's search; whiten: the whitened references'.
            row(v.getKey().key() + ": search", v.getValue()[0], rawTotal);
            row(v.getKey().key() + ": index build (" + name + ")", v.getValue()[1], rawTotal);
            extra += v.getValue()[0] + v.getValue()[1];
        }
        double adjust = seconds.get(Variant.SCORE_NORM)[2];
        row("score adjustment + assembly", adjust, rawTotal);
        row("variants' metrics", metrics, rawTotal);
        extra += adjust;
        row("total added", extra, rawTotal);
        double searches =
                seconds.values().stream().mapToDouble(s -> s[0] + s[1]).sum();
        System.out.printf(
                Locale.ROOT,
                "added beyond the extra exact searches and their indexes: %.1f%% of the raw run%n",
                100 * (extra - searches) / rawTotal);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void row(String stage, double seconds, double total) {
        System.out.printf(Locale.ROOT, "%-28s %9.3f %6.1f%%%n", stage, seconds, 100 * seconds / total);
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

    /** One query per source row: the row plus Gaussian noise of norm about 1, normalised. */
    private static float[][] noisyCopies(SplittableRandom random, float[] base, int d, int[] sources) {
        float[][] queries = new float[sources.length][d];
        double sigma = 1.0 / Math.sqrt(d);
        for (int q = 0; q < sources.length; q++) {
            for (int j = 0; j < d; j++) {
                queries[q][j] = (float) (base[sources[q] * d + j] + sigma * gaussian(random));
            }
            VectorUtil.l2Normalize(queries[q]);
        }
        return queries;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
