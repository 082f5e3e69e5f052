package dev.lookalike.cli;

import dev.lookalike.Lookalike;
import dev.lookalike.benchmark.BackgroundOptions;
import dev.lookalike.benchmark.BenchmarkOptions;
import dev.lookalike.benchmark.BenchmarkResult;
import dev.lookalike.benchmark.Calibration;
import dev.lookalike.benchmark.CopyDetectionBenchmark;
import dev.lookalike.benchmark.CopyDetectionSet;
import dev.lookalike.benchmark.ModelResult;
import dev.lookalike.benchmark.PairOverlap;
import dev.lookalike.calibration.ScoreNormalization;
import dev.lookalike.parquet.EmbeddingDataset;
import dev.lookalike.report.BenchmarkJson;
import dev.lookalike.report.BenchmarkPage;
import dev.lookalike.report.Thumbnails;
import dev.lookalike.search.ModelSelection;
import dev.lookalike.store.StoredVectors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: the copy-detection benchmark over a DISC21-layout data set. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure how well each model finds the originals of edited copies (DISC21 layout):",
            "accuracy@1 and top-3 accuracy (the article's), uAP, recall@P90, recall@rank1/10 (ISC2021's),",
            "the cosine thresholds reaching 90%, 95% and 99% precision (for dedup --calibration),",
            "extraction throughput and search time. Fusions such as clip+dinov2 (mean cosine) or",
            "clip+dinov2:rrf (reciprocal-rank fusion) count as models."
        })
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--queries", required = true, paramLabel = "DIR", description = "The query images.")
    Path queries;

    @Option(names = "--references", required = true, paramLabel = "DIR", description = "The reference images.")
    Path references;

    @Option(
            names = "--ground-truth",
            required = true,
            paramLabel = "CSV",
            description = "query_id,reference_id per line; an empty reference_id for a query with no copy.")
    Path groundTruth;

    @Option(
            names = "--edits",
            paramLabel = "CSV",
            description =
                    "query_id,edits,parameters: results per edit type (default: edits.csv beside the ground truth, if any).")
    Path edits;

    @Option(
            names = "--models",
            split = ",",
            paramLabel = "M[,M...]",
            defaultValue = "clip,dinov2",
            description = "Models and fusions to compare (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(
            names = "-k",
            paramLabel = "K",
            defaultValue = "10",
            description = "Candidates per query (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--index",
            paramLabel = "PATH",
            description =
                    "Keep the references' vectors in this index: reused and resumed by later runs (default: a temporary one).")
    Path index;

    @Option(
            names = "--reference-embeddings",
            paramLabel = "DIR",
            description =
                    "Take the references' vectors from this Parquet dataset (the Spark job's output, or 'index export-parquet') for the models it holds, instead of extracting them; its rows of other images are ignored, and it must cover every reference.")
    Path referenceEmbeddings;

    @Option(
            names = "--background",
            paramLabel = "DIR",
            description = {
                "A folder of images that are neither references nor queries (DISC21's training images,"
                        + " or 'dataset copydetect --background N'): every model also gets rows with score normalisation"
                        + " and, with --whiten, PCA whitening learned on it. With --index, its vectors are kept in INDEX-background."
            })
    Path background;

    @Option(
            names = "--score-norm",
            paramLabel = "W[A,B]",
            description = "With --background: lower each query's scores by W x the mean of its similarities to its"
                    + " background neighbours A..B (0-based, best first), as SSCD does (default: 1.0[0,2]).")
    String scoreNorm;

    @Option(
            names = "--whiten",
            paramLabel = "DIM",
            arity = "0..1",
            fallbackValue = "0",
            description =
                    "With --background: also PCA-whiten every model's vectors on the background's (then L2-normalise),"
                            + " keeping DIM dimensions (default: the model's own), at most the background's size minus one.")
    Integer whiten;

    @Option(
            names = "--report",
            paramLabel = "OUT_DIR",
            description = "Write index.html, report.json and predictions.json here.")
    Path report;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Write every number as JSON to this file.")
    Path json;

    @Option(
            names = "--limit-queries",
            paramLabel = "N",
            description = "Evaluate only the first N queries of the ground truth.")
    Integer limitQueries;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "16",
            description = "Images per inference call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    DecodeMixin decoding;

    @Override
    public Integer call() throws Exception {
        if (limitQueries != null && limitQueries < 1) {
            throw new UsageException("--limit-queries must be at least 1, got " + limitQueries);
        }
        ToolContext context = ToolContext.of(spec);
        BenchmarkOptions options = withBackground(UsageException.checking(() ->
                new BenchmarkOptions(k, batch, BenchmarkOptions.defaults().workers(), Optional.ofNullable(index))));
        ModelSelection selection = ModelSelection.of(models);
        for (String model : selection.plainModels()) {
            context.catalog().get(model); // an unknown name is a usage error before any work
        }
        Optional<Path> editsFile =
                edits != null ? Optional.of(edits) : CopyDetectionSet.editsBeside(groundTruth, context::warn);
        CopyDetectionSet set = CopyDetectionSet.load(
                queries, references, groundTruth, editsFile, limitQueries == null ? -1 : limitQueries);
        BenchmarkResult result;
        try (Lookalike lookalike = context.lookalike(decoding.options())) {
            result = new CopyDetectionBenchmark(lookalike, options, context.progress())
                    .run(set, selection, precomputed(selection, set));
        }
        print(context.out(), result);
        if (json != null) {
            BenchmarkJson.write(json, result);
            context.note("wrote %s", json);
        }
        if (report != null) {
            new BenchmarkPage(new Thumbnails()).write(report, result, set);
            context.note("wrote %s", report.resolve("index.html"));
        }
        return ExitCode.OK;
    }

    /** The options with the background set of {@code --background}, {@code --score-norm} and {@code --whiten}. */
    private BenchmarkOptions withBackground(BenchmarkOptions options) {
        if (background == null) {
            if (scoreNorm != null || whiten != null) {
                throw new UsageException((scoreNorm != null ? "--score-norm" : "--whiten")
                        + " needs --background DIR: both learn from a background set");
            }
            return options;
        }
        if (whiten != null && whiten < 0) {
            throw new UsageException("--whiten must be a positive dimension, got " + whiten);
        }
        return options.withBackground(new BackgroundOptions(
                background,
                scoreNorm == null
                        ? ScoreNormalization.DEFAULT
                        : UsageException.checking(() -> ScoreNormalization.parse(scoreNorm)),
                whiten != null,
                whiten == null || whiten == 0 ? OptionalInt.empty() : OptionalInt.of(whiten)));
    }

    /** The references' vectors of each selected model that {@code --reference-embeddings} holds, the set's only. */
    private Map<String, StoredVectors> precomputed(ModelSelection selection, CopyDetectionSet set) throws IOException {
        Map<String, StoredVectors> vectors = new LinkedHashMap<>();
        if (referenceEmbeddings == null) {
            return vectors;
        }
        EmbeddingDataset dataset = EmbeddingDataset.open(referenceEmbeddings);
        for (String model : selection.plainModels()) {
            if (dataset.manifest().model(model).isPresent()) {
                vectors.put(model, set.referenceVectors(dataset.vectors(model), referenceEmbeddings));
            }
        }
        if (vectors.isEmpty()) {
            throw new UsageException(referenceEmbeddings + " holds none of the models " + selection.plainModels());
        }
        return vectors;
    }

    /** A metric that pools scores across queries, starred when the row's scores are ranks. */
    private static String pooled(double value, ModelResult m) {
        return String.format(Locale.ROOT, "%.4f", value) + (m.rankScored() ? "*" : "");
    }

    /** One row of the results table; {@code variant} is null when the run has no variants. */
    private static void row(PrintWriter out, int width, ModelResult m, String variant) {
        out.printf(
                Locale.ROOT,
                "%-" + width + "s " + (variant == null ? "%s" : "%-17s ")
                        + "%7.2f%% %7.2f%% %8s %8s %8.4f %8.4f %9s %8.3f%n",
                m.model(),
                variant == null ? "" : variant,
                m.article().accuracyAt1() * 100,
                m.article().accuracyAt3() * 100,
                pooled(m.isc().uap(), m),
                pooled(m.isc().recallAtP90(), m),
                m.isc().recallAtRank1(),
                m.isc().recallAtRank10(),
                m.referenceImagesPerSecond().isPresent()
                        ? String.format(
                                Locale.ROOT,
                                "%.1f",
                                m.referenceImagesPerSecond().getAsDouble())
                        : "-",
                m.searchSeconds());
    }

    /** Per model, the score reaching each target precision and the recall there ("-" when none does). */
    private static void printThresholds(PrintWriter out, BenchmarkResult result, int width) {
        out.printf(Locale.ROOT, "%-" + width + "s", "threshold at");
        Calibration.TARGETS.forEach(
                p -> out.printf(Locale.ROOT, " %17s", String.format(Locale.ROOT, "P%.0f (recall)", p * 100)));
        out.println();
        for (ModelResult m : result.models()) {
            out.printf(Locale.ROOT, "%-" + width + "s", m.model());
            for (Calibration c : m.isc().calibrations()) {
                out.printf(
                        Locale.ROOT,
                        " %17s",
                        c.threshold().isPresent()
                                ? String.format(
                                        Locale.ROOT,
                                        "%.4f%s (%.3f)",
                                        c.threshold().getAsDouble(),
                                        m.rankScored() ? "*" : "",
                                        c.recall())
                                : "-");
            }
            out.println();
        }
    }

    /** The results table, the calibrated thresholds, then the pair counts. */
    static void print(PrintWriter out, BenchmarkResult result) {
        out.printf(
                Locale.ROOT,
                "%d queries (%d with a match), %d references, top %d%n",
                result.settings().queries(),
                result.settings().queriesWithMatch(),
                result.referencesIndexed(),
                result.settings().k());
        result.background().ifPresent(b -> out.println("background: " + b.describe()));
        int width = Math.max(
                12,
                result.models().stream().mapToInt(m -> m.model().length()).max().orElse(0));
        String variant = result.background().isPresent() ? "%-17s " : "";
        out.printf(
                Locale.ROOT,
                "%-" + width + "s " + variant + "%8s %8s %8s %8s %8s %8s %9s %8s%n",
                result.background().isPresent()
                        ? new Object[] {
                            "model", "variant", "acc@1", "top-3", "uAP", "R@P90", "R@1", "R@10", "ref img/s", "search s"
                        }
                        : new Object[] {
                            "model", "acc@1", "top-3", "uAP", "R@P90", "R@1", "R@10", "ref img/s", "search s"
                        });
        for (ModelResult m : result.models()) {
            row(out, width, m, result.background().isPresent() ? "raw" : null);
            m.variants().forEach((v, r) -> row(out, width, r, v.key()));
        }
        if (result.models().stream().anyMatch(ModelResult::rankScored)) {
            out.println("* :rrf rows pool rank scores, not cosines: their uAP and R@P90 are not comparable with the"
                    + " others'");
        }
        printThresholds(out, result, width);
        for (PairOverlap o : result.overlaps()) {
            out.printf(
                    Locale.ROOT,
                    "%s vs %s: both right %d, neither %d, only %s %d (%s top-3: %d), only %s %d (%s top-3: %d)%n",
                    o.modelA(),
                    o.modelB(),
                    o.bothRight().size(),
                    o.neither().size(),
                    o.modelA(),
                    o.onlyA().size(),
                    o.modelB(),
                    o.onlyATop3OfB().size(),
                    o.modelB(),
                    o.onlyB().size(),
                    o.modelA(),
                    o.onlyBTop3OfA().size());
        }
        if (!result.unreadableQueries().isEmpty()) {
            out.println("unreadable queries (counted as misses): " + String.join(", ", result.unreadableQueries()));
        }
        out.flush();
    }
}
