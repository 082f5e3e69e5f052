package dev.lookalike.report;

import dev.lookalike.benchmark.BenchmarkResult;
import dev.lookalike.benchmark.Calibration;
import dev.lookalike.benchmark.Candidate;
import dev.lookalike.benchmark.CopyDetectionSet;
import dev.lookalike.benchmark.EditBreakdown;
import dev.lookalike.benchmark.ModelResult;
import dev.lookalike.benchmark.PairOverlap;
import dev.lookalike.benchmark.PrecisionRecall;
import dev.lookalike.benchmark.RunSettings;
import dev.lookalike.model.ModelIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a benchmark's report into a folder: {@code index.html} (the results table, bar charts
 * of accuracy, top-3 accuracy, uAP and throughput, the precision-recall curves, the per-pair
 * groups as picture grids, the breakdown by edit, the run's settings), {@code report.json},
 * {@code predictions.json}, and the thumbnails the page shows under {@code thumbs/}. The page
 * uses no script and nothing outside its folder, so it opens from disk.
 */
public final class BenchmarkPage {

    /** The most queries shown per group; the page says how many there are in all. */
    public static final int GROUP_CAP = 12;

    private static final int CURVE_POINTS = 200;
    /** Marks uAP and recall@P90 cells of rows scored by rank, and their footnote. */
    private static final String RANK_SCORED = "&dagger;";

    private final Thumbnails thumbnails;

    /** @param thumbnails how pictures are shrunk for the page */
    public BenchmarkPage(Thumbnails thumbnails) {
        this.thumbnails = thumbnails;
    }

    /**
     * Writes the report into {@code outDir} (created if needed).
     *
     * @param set the data set the result came from, for its pictures and ground truth
     */
    public void write(Path outDir, BenchmarkResult result, CopyDetectionSet set) throws IOException {
        Files.createDirectories(outDir.resolve("thumbs"));
        BenchmarkJson.write(outDir.resolve("report.json"), result);
        BenchmarkJson.writePredictions(outDir.resolve("predictions.json"), result);
        String html = new Rendering(outDir, result, set).page();
        Files.writeString(outDir.resolve("index.html"), html, StandardCharsets.UTF_8);
    }

    /** One page being written, with the thumbnails made so far. */
    private final class Rendering {
        private final Path outDir;
        private final BenchmarkResult result;
        private final CopyDetectionSet set;
        private final Map<String, Path> queryFiles;
        private final Map<String, Path> referenceFiles;
        private final Map<Path, String> made = new HashMap<>();
        private final StringBuilder html = new StringBuilder(1 << 16);

        Rendering(Path outDir, BenchmarkResult result, CopyDetectionSet set) {
            this.outDir = outDir;
            this.result = result;
            this.set = set;
            this.queryFiles = set.queryFiles();
            this.referenceFiles = set.referenceFiles();
        }

        String page() throws IOException {
            html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                    .append("<title>lookalike copy-detection benchmark</title>\n<style>\n")
                    .append(STYLE)
                    .append("</style>\n</head>\n<body>\n<h1>Copy-detection benchmark</h1>\n");
            resultsTable();
            charts();
            edits();
            for (PairOverlap overlap : result.overlaps()) {
                groups(overlap);
            }
            settings();
            html.append("<footer>Made by lookalike. Accuracy and top-3 accuracy over queries with a match, as the ")
                    .append(
                            "reference article measures them; uAP, recall at 90% precision and recall at rank 1/10 over ")
                    .append(
                            "all queries, as ISC2021 defines them. Details in report.json.</footer>\n</body>\n</html>\n");
            return html.toString();
        }

        private void resultsTable() {
            boolean variants = result.background().isPresent();
            html.append("<section id=\"results\">\n<h2>Results</h2>\n<table class=\"results\">\n<tr><th>model</th>")
                    .append(variants ? "<th>variant</th>" : "")
                    .append("<th>accuracy@1</th><th>top-3</th><th>uAP</th><th>recall@P90</th><th>recall@rank1</th>")
                    .append(
                            "<th>recall@rank10</th><th>references img/s</th><th>queries img/s</th><th>search s</th></tr>\n");
            for (ModelResult m : result.models()) {
                resultRow(m, variants ? "raw" : null);
                m.variants().forEach((variant, v) -> resultRow(v, variant.key()));
            }
            html.append("</table>\n<p>")
                    .append(result.settings().queries())
                    .append(" queries (")
                    .append(result.settings().queriesWithMatch())
                    .append(" with a match), ")
                    .append(result.referencesIndexed())
                    .append(" references, top ")
                    .append(result.settings().k())
                    .append(" per query.");
            if (!result.unreadableQueries().isEmpty()) {
                html.append(" Unreadable queries (counted as misses): ")
                        .append(Html.escape(String.join(", ", result.unreadableQueries())))
                        .append('.');
            }
            html.append("</p>\n");
            thresholdsTable();
            if (result.models().stream().anyMatch(ModelResult::rankScored)) {
                html.append("<p id=\"rank-scores\">")
                        .append(RANK_SCORED)
                        .append(" Reciprocal-rank fusions (:rrf) ")
                        .append("score candidates by rank, not cosine; uAP and recall@P90 pool every query's scores, ")
                        .append("so theirs are not comparable with the other rows' (nor are their curves). ")
                        .append("Accuracy and recall at rank 1/10 are.</p>\n");
            }
            html.append("</section>\n");
        }

        /** A row of the results table; {@code variant} is null when the run has no variants. */
        private void resultRow(ModelResult m, String variant) {
            html.append("<tr><td>").append(Html.escape(m.model())).append("</td>");
            if (variant != null) {
                cell(variant);
            }
            cell(percent(m.article().accuracyAt1()));
            cell(percent(m.article().accuracyAt3()));
            pooledCell(fixed(m.isc().uap()), m.rankScored());
            pooledCell(fixed(m.isc().recallAtP90()), m.rankScored());
            cell(fixed(m.isc().recallAtRank1()));
            cell(fixed(m.isc().recallAtRank10()));
            cell(
                    m.referenceImagesPerSecond().isPresent()
                            ? fixed1(m.referenceImagesPerSecond().getAsDouble())
                            : "–");
            cell(
                    m.queryImagesPerSecond().isPresent()
                            ? fixed1(m.queryImagesPerSecond().getAsDouble())
                            : "–");
            cell(String.format(Locale.ROOT, "%.3f", m.searchSeconds()));
            html.append("</tr>\n");
        }

        /** Per model, the score reaching each target precision and the recall there. */
        private void thresholdsTable() {
            html.append(
                    "<h3 id=\"thresholds\">Calibrated thresholds</h3>\n<table class=\"results\">\n<tr><th>model</th>");
            for (double target : Calibration.TARGETS) {
                html.append("<th>threshold at ").append(percent(target)).append(" precision (recall)</th>");
            }
            html.append("</tr>\n");
            for (ModelResult m : result.models()) {
                html.append("<tr><td>").append(Html.escape(m.model())).append("</td>");
                for (Calibration c : m.isc().calibrations()) {
                    pooledCell(
                            c.threshold().isPresent()
                                    ? fixed(c.threshold().getAsDouble()) + " (" + fixed(c.recall()) + ")"
                                    : "not reached",
                            m.rankScored());
                }
                html.append("</tr>\n");
            }
            html.append(
                            "</table>\n<p>The lowest score whose predictions at or above it reach the precision, over every ")
                    .append(
                            "query's pooled top k; <code>lookalike dedup --calibration report.json --precision P</code> ")
                    .append("uses it.</p>\n");
        }

        private void charts() {
            List<String> names =
                    result.models().stream().map(ModelResult::model).toList();
            double[] acc1 = result.models().stream()
                    .mapToDouble(m -> m.article().accuracyAt1())
                    .toArray();
            double[] acc3 = result.models().stream()
                    .mapToDouble(m -> m.article().accuracyAt3())
                    .toArray();
            double[] uap =
                    result.models().stream().mapToDouble(m -> m.isc().uap()).toArray();
            double[] speed = result.models().stream()
                    .mapToDouble(m -> m.referenceImagesPerSecond().orElse(Double.NaN))
                    .toArray();
            double maxSpeed =
                    Arrays.stream(speed).filter(v -> !Double.isNaN(v)).max().orElse(1);
            html.append("<section id=\"charts\">\n<h2>Charts</h2>\n<div class=\"charts\">\n")
                    .append(Svg.bars("Accuracy@1", names, acc1, 1, "%.1f%%", 100))
                    .append(Svg.bars("Top-3 accuracy", names, acc3, 1, "%.1f%%", 100))
                    .append(Svg.bars("uAP (ISC2021)", names, uap, 1, "%.3f", 1))
                    .append(Svg.bars("Extraction, references (img/s)", names, speed, maxSpeed, "%.1f", 1));
            List<double[][]> curves = new ArrayList<>();
            for (ModelResult m : result.models()) {
                curves.add(sample(m.isc().curve()));
            }
            html.append(Svg.curves("Precision-recall (pooled predictions)", "recall", "precision", names, curves))
                    .append("</div>\n</section>\n");
        }

        /** At most {@value #CURVE_POINTS} points of the curve, recall on x and precision on y. */
        private double[][] sample(PrecisionRecall curve) {
            int n = curve.size();
            int step = Math.max(1, n / CURVE_POINTS);
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < n; i += step) {
                points.add(new double[] {curve.recalls()[i], curve.precisions()[i]});
            }
            if (n > 0 && (n - 1) % step != 0) {
                points.add(new double[] {curve.recalls()[n - 1], curve.precisions()[n - 1]});
            }
            double[][] xy = new double[2][points.size()];
            for (int i = 0; i < points.size(); i++) {
                xy[0][i] = points.get(i)[0];
                xy[1][i] = points.get(i)[1];
            }
            return xy;
        }

        private void edits() {
            if (result.edits().isEmpty()) {
                return;
            }
            html.append(
                    "<section id=\"edits\">\n<h2>By edit</h2>\n<table class=\"results\">\n<tr><th>edit</th><th>queries</th>");
            result.models()
                    .forEach(m ->
                            html.append("<th>").append(Html.escape(m.model())).append(" @1 / top-3</th>"));
            html.append("</tr>\n");
            for (EditBreakdown row : result.edits()) {
                html.append("<tr><td>")
                        .append(Html.escape(row.edit()))
                        .append("</td><td>")
                        .append(row.queries())
                        .append("</td>");
                row.byModel().values().forEach(m -> cell(percent(m.accuracyAt1()) + " / " + percent(m.accuracyAt3())));
                html.append("</tr>\n");
            }
            html.append("</table>\n</section>\n");
        }

        private void groups(PairOverlap o) throws IOException {
            String a = o.modelA();
            String b = o.modelB();
            html.append("<section class=\"pair\">\n<h2>")
                    .append(Html.escape(a))
                    .append(" vs ")
                    .append(Html.escape(b))
                    .append("</h2>\n");
            group("Both right", o.bothRight(), a, b);
            group("Neither right", o.neither(), a, b);
            group(
                    "Only " + a + " right (" + b + " had it in its top 3 for "
                            + o.onlyATop3OfB().size() + ")",
                    o.onlyA(),
                    a,
                    b);
            group(
                    "Only " + b + " right (" + a + " had it in its top 3 for "
                            + o.onlyBTop3OfA().size() + ")",
                    o.onlyB(),
                    a,
                    b);
            html.append("</section>\n");
        }

        private void group(String title, List<String> queries, String a, String b) throws IOException {
            html.append("<h3>")
                    .append(Html.escape(title))
                    .append(": ")
                    .append(queries.size())
                    .append(" queries");
            if (queries.size() > GROUP_CAP) {
                html.append(", the first ").append(GROUP_CAP).append(" shown");
            }
            html.append("</h3>\n<div class=\"grid\">\n");
            for (String query : queries.subList(0, Math.min(GROUP_CAP, queries.size()))) {
                html.append("<div class=\"row\">\n");
                tile("query " + query, queryFiles.get(query), "");
                String truth = set.groundTruth().reference(query).orElseThrow();
                tile("true " + truth, referenceFiles.get(truth), "");
                for (String model : List.of(a, b)) {
                    List<Candidate> top = result.model(model).predictions().of(query);
                    html.append("<span class=\"model\">")
                            .append(Html.escape(model))
                            .append("</span>\n");
                    for (Candidate c : top.subList(0, Math.min(3, top.size()))) {
                        tile(
                                c.referenceId(),
                                referenceFiles.get(c.referenceId()),
                                String.format(Locale.ROOT, "%.3f", c.score())
                                        + (c.referenceId().equals(truth) ? " ✓" : ""));
                    }
                }
                html.append("</div>\n");
            }
            html.append("</div>\n");
        }

        private void tile(String label, Path file, String caption) throws IOException {
            html.append("<figure>");
            String src = file == null ? "" : thumbnail(file);
            if (!src.isEmpty()) {
                html.append("<img src=\"")
                        .append(Html.escape(src))
                        .append("\" alt=\"")
                        .append(Html.escape(label))
                        .append("\"/>");
            } else {
                html.append("<span class=\"unreadable\">no picture</span>");
            }
            html.append("<figcaption>").append(Html.escape(label));
            if (!caption.isEmpty()) {
                html.append("<br/>").append(Html.escape(caption));
            }
            html.append("</figcaption></figure>\n");
        }

        /** The thumbnail's path relative to the page, written on first use. */
        private String thumbnail(Path file) throws IOException {
            String known = made.get(file);
            if (known != null) {
                return known;
            }
            String name = "thumbs/" + made.size() + ".jpg";
            if (thumbnails.of(file) instanceof Thumbnail.Image image) {
                Files.write(outDir.resolve(name), image.jpeg());
            } else {
                name = "";
            }
            made.put(file, name);
            return name;
        }

        private void settings() {
            RunSettings s = result.settings();
            html.append("<section id=\"settings\">\n<h2>Settings</h2>\n<dl>\n");
            fact("Models", String.join(", ", s.models()));
            for (ModelIdentity id : s.identities()) {
                fact(
                        "Model " + id.name(),
                        id.output() + ", " + id.pooling() + " pooling, " + id.dimension() + "-d, ONNX sha256 "
                                + id.definitionSha256());
            }
            fact("Queries", s.queriesDir() + " (" + s.queries() + ", " + s.queriesWithMatch() + " with a match)");
            fact("References", s.referencesDir() + " (" + s.references() + ")");
            fact("Ground truth", s.groundTruth().toString());
            fact("Edits", s.editsFile() == null ? "none" : s.editsFile().toString());
            fact("Index", s.index() == null ? "temporary" : s.index().toString());
            result.background().ifPresent(b -> fact("Background", b.describe()));
            fact("k", Integer.toString(s.k()));
            fact("Machine", s.cores() + " cores, " + s.os());
            fact("JDK", s.jdk());
            fact("Date", s.date().toString());
            html.append("</dl>\n</section>\n");
        }

        private void fact(String name, String value) {
            html.append("<dt>")
                    .append(Html.escape(name))
                    .append("</dt><dd>")
                    .append(Html.escape(value))
                    .append("</dd>\n");
        }

        private void cell(String text) {
            html.append("<td>").append(Html.escape(text)).append("</td>");
        }

        /** A metric that pools scores across queries, marked when the row's scores are ranks. */
        private void pooledCell(String text, boolean rankScored) {
            html.append("<td>").append(Html.escape(text));
            if (rankScored) {
                html.append("<a href=\"#rank-scores\" title=\"not comparable: rank scores\">")
                        .append(RANK_SCORED)
                        .append("</a>");
            }
            html.append("</td>");
        }
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String fixed1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
            table.results{border-collapse:collapse}
            table.results td,table.results th{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}
            table.results td:first-child{text-align:left}
            .charts{display:flex;flex-wrap:wrap;gap:1rem}
            .chart text{font-size:12px}.chart text.title{font-weight:bold}
            .grid .row{display:flex;align-items:flex-start;gap:.4rem;margin:.4rem 0;border-bottom:1px solid #eee}
            figure{margin:0;width:120px}figure img{max-width:120px;max-height:120px}
            figcaption{font-size:11px}.model{writing-mode:vertical-rl;font-weight:bold;font-size:12px}
            dt{font-weight:bold}dd{margin:0 0 .4rem 1rem}
            footer{margin-top:2rem;font-size:12px;color:#666}
            """;
}
