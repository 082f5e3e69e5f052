package dev.lookalike.report;

import dev.lookalike.benchmark.TextRetrieval;
import dev.lookalike.benchmark.TextRetrievalBenchmark.ModelResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text-to-image benchmark's report: one self-contained HTML page (the models' mAP, mean precision and recall
 * at k and query rate, then a table per label) and its JSON document.
 */
public final class TextBenchmarkPage {

    /**
     * What the run measured.
     *
     * @param images   the labelled folder
     * @param labels   where the labels came from
     * @param indexed  how many images the rankings covered
     * @param template the sentence made of each label
     * @param k        the cut-off of precision and recall
     */
    public record Settings(String images, String labels, int indexed, String template, int k) {}

    private TextBenchmarkPage() {}

    /** The report as JSON: settings, then per model its means and per-label rows. */
    public static Map<String, Object> json(Settings settings, List<ModelResult> results) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("images", settings.images());
        doc.put("labels", settings.labels());
        doc.put("indexed", settings.indexed());
        doc.put("template", settings.template());
        doc.put("k", settings.k());
        List<Map<String, Object>> models = new ArrayList<>();
        for (ModelResult result : results) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("model", result.model());
            model.put("map", result.meanAveragePrecision());
            model.put("precision_at_k", result.meanPrecisionAtK());
            model.put("recall_at_k", result.meanRecallAtK());
            model.put("queries_per_second", result.queriesPerSecond());
            List<Map<String, Object>> labels = new ArrayList<>();
            for (TextRetrieval row : result.perLabel()) {
                Map<String, Object> label = new LinkedHashMap<>();
                label.put("label", row.label());
                label.put("query", row.query());
                label.put("relevant", row.relevant());
                label.put("precision_at_k", row.precisionAtK());
                label.put("recall_at_k", row.recallAtK());
                label.put("average_precision", row.averagePrecision());
                labels.add(label);
            }
            model.put("per_label", labels);
            models.add(model);
        }
        doc.put("models", models);
        return doc;
    }

    /** Writes the HTML page to {@code out}. */
    public static void write(Path out, Settings settings, List<ModelResult> results) throws IOException {
        Files.writeString(out, render(settings, results), StandardCharsets.UTF_8);
    }

    /** The HTML page; the same results give the same bytes. */
    public static String render(Settings settings, List<ModelResult> results) {
        StringBuilder html = new StringBuilder(1 << 14);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<title>lookalike text-to-image benchmark</title>\n<style>\n")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>Text-to-image retrieval</h1>\n<dl>\n");
        fact(html, "Images", settings.images() + " (" + settings.indexed() + " indexed)");
        fact(html, "Labels", settings.labels());
        fact(html, "Query", settings.template() + " for each label");
        html.append("</dl>\n<table class=\"results\">\n<tr><th>model</th><th>mAP</th><th>P@")
                .append(settings.k())
                .append("</th><th>R@")
                .append(settings.k())
                .append("</th><th>labels</th><th>queries/s</th></tr>\n");
        for (ModelResult result : results) {
            html.append("<tr><td>")
                    .append(Html.escape(result.model()))
                    .append("</td>")
                    .append(cell(result.meanAveragePrecision()))
                    .append(cell(result.meanPrecisionAtK()))
                    .append(cell(result.meanRecallAtK()))
                    .append("<td>")
                    .append(result.perLabel().size())
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f", result.queriesPerSecond()))
                    .append("</td></tr>\n");
        }
        html.append(
                "</table>\n<h2>Per label</h2>\n<table class=\"results labels\">\n<tr><th>label</th><th>images</th>");
        for (ModelResult result : results) {
            String name = Html.escape(result.model());
            html.append("<th>")
                    .append(name)
                    .append(" P@")
                    .append(settings.k())
                    .append("</th><th>")
                    .append(name)
                    .append(" R@")
                    .append(settings.k())
                    .append("</th><th>")
                    .append(name)
                    .append(" AP</th>");
        }
        html.append("</tr>\n");
        int labels = results.isEmpty() ? 0 : results.getFirst().perLabel().size();
        for (int i = 0; i < labels; i++) {
            TextRetrieval first = results.getFirst().perLabel().get(i);
            html.append("<tr><td title=\"")
                    .append(Html.escape(first.query()))
                    .append("\">")
                    .append(Html.escape(first.label()))
                    .append("</td><td>")
                    .append(first.relevant())
                    .append("</td>");
            for (ModelResult result : results) {
                TextRetrieval row = result.perLabel().get(i);
                html.append(cell(row.precisionAtK()))
                        .append(cell(row.recallAtK()))
                        .append(cell(row.averagePrecision()));
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n<footer>Made by lookalike bench-text. AP: mean precision at the rank of each image ")
                .append("carrying the label, over all of them.</footer>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void fact(StringBuilder html, String name, String value) {
        html.append("<dt>")
                .append(name)
                .append("</dt><dd>")
                .append(Html.escape(value))
                .append("</dd>\n");
    }

    private static String cell(double value) {
        return String.format(Locale.ROOT, "<td>%.3f</td>", value);
    }

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
            table.results{border-collapse:collapse;margin-bottom:1.5rem}
            table.results td,table.results th{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}
            table.results td:first-child{text-align:left}
            dt{font-weight:bold}dd{margin:0 0 .4rem 1rem}
            footer{margin-top:2rem;font-size:12px;color:#666}
            """;
}
