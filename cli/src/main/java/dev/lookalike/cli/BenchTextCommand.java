package dev.lookalike.cli;

import dev.lookalike.Lookalike;
import dev.lookalike.benchmark.ImageLabels;
import dev.lookalike.benchmark.TextRetrieval;
import dev.lookalike.benchmark.TextRetrievalBenchmark;
import dev.lookalike.indexing.IndexingOptions;
import dev.lookalike.io.FileTrees;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.model.TextModel;
import dev.lookalike.report.TextBenchmarkPage;
import dev.lookalike.search.IndexSearcher;
import dev.lookalike.search.ZeroShot;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bench-text FOLDER --labels labels.csv}: text-to-image retrieval on labelled photos. */
@Command(
        name = "bench-text",
        mixinStandardHelpOptions = true,
        description = {
            "Measure text-to-image retrieval on labelled photos: for each label, the query",
            "\"a photo of a LABEL\" over every image of FOLDER, scored against the images carrying the label",
            "(precision@k, recall@k, average precision; mAP over labels). Models with a text side (CLIP)."
        })
final class BenchTextCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FOLDER", description = "The labelled images (indexed recursively).")
    Path folder;

    @ArgGroup(multiplicity = "1")
    LabelSource labels;

    /** Where the labels come from: a CSV, or YOLO label files with their class names. */
    static final class LabelSource {
        @Option(
                names = "--labels",
                required = true,
                paramLabel = "CSV",
                description = "image,label per row (image paths relative to FOLDER; one row per label).")
        Path csv;

        @ArgGroup(exclusive = false)
        Yolo yolo;
    }

    /** YOLO-format object labels, as COCO's are distributed. */
    static final class Yolo {
        @Option(
                names = "--yolo-labels",
                required = true,
                paramLabel = "DIR",
                description = "One STEM.txt per image, lines 'class cx cy w h'.")
        Path dir;

        @Option(
                names = "--names",
                required = true,
                paramLabel = "FILE",
                description = "Class names, line N names class N.")
        Path names;
    }

    @Option(
            names = "--models",
            split = ",",
            paramLabel = "M[,M...]",
            defaultValue = "clip",
            description = "Models with a text side to measure (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(
            names = "--template",
            paramLabel = "T",
            defaultValue = ZeroShot.DEFAULT_TEMPLATE,
            description = "The query made of each label; {} stands for the label (default: ${DEFAULT-VALUE}).")
    String template;

    @Option(
            names = "-k",
            paramLabel = "K",
            defaultValue = "10",
            description = "Cut-off of precision and recall (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--index",
            paramLabel = "PATH",
            description =
                    "Keep FOLDER's vectors in this index: reused and resumed by later runs (default: a temporary one).")
    Path index;

    @Option(names = "--report", paramLabel = "OUT_DIR", description = "Write index.html and report.json here.")
    Path report;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Write every number as JSON to this file.")
    Path json;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DecodeMixin decoding;

    @Override
    public Integer call() throws Exception {
        if (k < 1) {
            throw new UsageException("-k must be at least 1, got " + k);
        }
        ZeroShot.prompt(template, "x");
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + ": not a folder");
        }
        ToolContext context = ToolContext.of(spec);
        Path indexDir = index != null ? index : Files.createTempDirectory("lookalike-bench-text");
        try (Lookalike lookalike = context.lookalike(decoding.options(), modelOptions)) {
            List<ModelSpec> specs = TextQueries.withTextSide(context, lookalike, modelOptions.names(models));
            lookalike.index(folder, indexDir, specs, IndexingOptions.defaults());
            try (IndexSearcher searcher = IndexSearcher.open(indexDir)) {
                Set<String> indexed = searcher.store().files().keySet();
                ImageLabels imageLabels = labels.csv != null
                        ? ImageLabels.readCsv(labels.csv)
                        : ImageLabels.readYolo(labels.yolo.dir, labels.yolo.names, indexed);
                List<TextModel> textModels = new ArrayList<>();
                for (ModelSpec model : specs) {
                    textModels.add(lookalike.textModel(model));
                }
                List<TextRetrievalBenchmark.ModelResult> results =
                        TextRetrievalBenchmark.run(searcher, indexed, imageLabels, textModels, template, k);
                if (results.getFirst().perLabel().isEmpty()) {
                    throw new IllegalArgumentException("no indexed image of " + folder + " carries a label of "
                            + (labels.csv != null ? labels.csv : labels.yolo.dir));
                }
                printTable(context.out(), results);
                write(context, results, indexed.size());
            }
        } finally {
            if (index == null) {
                FileTrees.deleteTree(indexDir);
            }
        }
        return ExitCode.OK;
    }

    private void printTable(PrintWriter out, List<TextRetrievalBenchmark.ModelResult> results) {
        out.printf(
                Locale.ROOT, "%-12s %7s %7s %7s %7s %10s%n", "model", "mAP", "P@" + k, "R@" + k, "labels", "queries/s");
        for (TextRetrievalBenchmark.ModelResult result : results) {
            out.printf(
                    Locale.ROOT,
                    "%-12s %7.3f %7.3f %7.3f %7d %10.1f%n",
                    result.model(),
                    result.meanAveragePrecision(),
                    result.meanPrecisionAtK(),
                    result.meanRecallAtK(),
                    result.perLabel().size(),
                    result.queriesPerSecond());
        }
        TextRetrievalBenchmark.ModelResult first = results.getFirst();
        TextRetrieval worst = first.perLabel().stream()
                .min(java.util.Comparator.comparingDouble(TextRetrieval::averagePrecision))
                .orElseThrow();
        out.printf(
                Locale.ROOT,
                "lowest AP for %s: %s (%.3f, %d images)%n",
                first.model(),
                worst.label(),
                worst.averagePrecision(),
                worst.relevant());
    }

    private void write(ToolContext context, List<TextRetrievalBenchmark.ModelResult> results, int indexed)
            throws Exception {
        TextBenchmarkPage.Settings settings = new TextBenchmarkPage.Settings(
                folder.toString(),
                (labels.csv != null ? labels.csv : labels.yolo.dir).toString(),
                indexed,
                template,
                k);
        if (json != null) {
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(json))) {
                Json.print(out, TextBenchmarkPage.json(settings, results));
            }
        }
        if (report != null) {
            Files.createDirectories(report);
            TextBenchmarkPage.write(report.resolve("index.html"), settings, results);
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(report.resolve("report.json")))) {
                Json.print(out, TextBenchmarkPage.json(settings, results));
            }
            context.note("wrote %s", report.resolve("index.html"));
        }
    }
}
