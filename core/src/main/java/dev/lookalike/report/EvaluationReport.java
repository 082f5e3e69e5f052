package dev.lookalike.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lookalike.dedup.evaluate.ModelEvaluation;
import dev.lookalike.dedup.evaluate.ScoredPair;
import dev.lookalike.dedup.evaluate.ThresholdScore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code dedup --evaluate}'s outputs: JSON ({@code {"models": {"clip": {"best": {...}, "sweep":
 * [{"threshold", "predicted", "correct", "true_pairs", "precision", "recall", "f1"}...], "misses":
 * [[A, B, COSINE|null]...], "false_matches": [...]}}}) and a self-contained HTML page: the best
 * threshold per model, each sweep, and the misses and false matches side by side with thumbnails.
 */
public final class EvaluationReport {

    /** Pairs of each kind shown per model on the page; the JSON has them all. */
    public static final int PAIRS_SHOWN = 60;

    private static final int THUMBNAIL_SIDE = 160;

    private EvaluationReport() {}

    /** Writes the JSON. */
    public static void writeJson(Path file, List<ModelEvaluation> evaluations) throws IOException {
        Map<String, Object> models = new LinkedHashMap<>();
        for (ModelEvaluation e : evaluations) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("images", e.images());
            model.put("images_not_indexed", e.missing());
            model.put("best", score(e.best()));
            model.put("sweep", e.sweep().stream().map(EvaluationReport::score).toList());
            model.put("misses", e.misses().stream().map(EvaluationReport::pair).toList());
            model.put(
                    "false_matches",
                    e.falseMatches().stream().map(EvaluationReport::pair).toList());
            models.put(e.model(), model);
        }
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(file.toFile(), Map.of("models", models));
    }

    private static Map<String, Object> score(ThresholdScore s) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("threshold", s.threshold());
        map.put("predicted", s.predicted());
        map.put("correct", s.correct());
        map.put("true_pairs", s.truePairs());
        map.put("precision", s.precision());
        map.put("recall", s.recall());
        map.put("f1", s.f1());
        return map;
    }

    private static List<Object> pair(ScoredPair p) {
        return Arrays.asList(p.a(), p.b(), Double.isNaN(p.cosine()) ? null : p.cosine());
    }

    /** Writes the page; {@code imageRoot} is the indexed folder the pairs' paths are relative to. */
    public static void writeHtml(Path file, List<ModelEvaluation> evaluations, Path imageRoot) throws IOException {
        Thumbnails maker = new Thumbnails(THUMBNAIL_SIDE);
        Map<String, Thumbnail> thumbnails = new HashMap<>();
        StringBuilder html = new StringBuilder(
                        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>lookalike dedup evaluation</title>\n<style>")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n")
                .append(
                        "<h1>Duplicate detection against known groups</h1>\n<table class=\"scores\">\n<tr><th>model</th>")
                .append("<th>best threshold</th><th>precision</th><th>recall</th><th>F1</th><th>pairs predicted</th>")
                .append("<th>true pairs</th><th>misses</th><th>false matches</th></tr>\n");
        for (ModelEvaluation e : evaluations) {
            ThresholdScore b = e.best();
            html.append("<tr><td><a href=\"#")
                    .append(Html.escape(e.model()))
                    .append("\">")
                    .append(Html.escape(e.model()))
                    .append("</a></td><td>")
                    .append(f2(b.threshold()))
                    .append("</td><td>")
                    .append(f3(b.precision()))
                    .append("</td><td>")
                    .append(f3(b.recall()))
                    .append("</td><td>")
                    .append(f3(b.f1()))
                    .append("</td><td>")
                    .append(b.predicted())
                    .append("</td><td>")
                    .append(b.truePairs())
                    .append("</td><td>")
                    .append(e.misses().size())
                    .append("</td><td>")
                    .append(e.falseMatches().size())
                    .append("</td></tr>\n");
        }
        html.append(
                        "</table>\n<p>Pairs: every two images of the set whose cosine is at least the threshold; correct when ")
                .append("<code>groups.csv</code> puts them in one group. Best: the highest F1 over the sweep.</p>\n");
        for (ModelEvaluation e : evaluations) {
            html.append("<section id=\"")
                    .append(Html.escape(e.model()))
                    .append("\">\n<h2>")
                    .append(Html.escape(e.model()))
                    .append(
                            "</h2>\n<details><summary>the sweep</summary>\n<table class=\"scores\"><tr><th>threshold</th>")
                    .append("<th>predicted</th><th>correct</th><th>precision</th><th>recall</th><th>F1</th></tr>\n");
            for (ThresholdScore s : e.sweep()) {
                html.append(s.equals(e.best()) ? "<tr class=\"best\">" : "<tr>")
                        .append("<td>")
                        .append(f2(s.threshold()))
                        .append("</td><td>")
                        .append(s.predicted())
                        .append("</td><td>")
                        .append(s.correct())
                        .append("</td><td>")
                        .append(f3(s.precision()))
                        .append("</td><td>")
                        .append(f3(s.recall()))
                        .append("</td><td>")
                        .append(f3(s.f1()))
                        .append("</td></tr>\n");
            }
            html.append("</table>\n</details>\n");
            pairs(
                    html,
                    "Misses at " + f2(e.best().threshold()) + ": copies not paired",
                    e.misses(),
                    imageRoot,
                    thumbnails,
                    maker);
            pairs(
                    html,
                    "False matches at " + f2(e.best().threshold()) + ": paired but not copies",
                    e.falseMatches(),
                    imageRoot,
                    thumbnails,
                    maker);
            html.append("</section>\n");
        }
        html.append("<footer>Made by lookalike dedup --evaluate.</footer>\n</body>\n</html>\n");
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    private static void pairs(
            StringBuilder html,
            String title,
            List<ScoredPair> pairs,
            Path root,
            Map<String, Thumbnail> thumbnails,
            Thumbnails maker) {
        html.append("<h3>")
                .append(Html.escape(title))
                .append(" (")
                .append(pairs.size())
                .append(")</h3>\n<div class=\"pairs\">\n");
        for (ScoredPair p : pairs.subList(0, Math.min(PAIRS_SHOWN, pairs.size()))) {
            thumbnails.computeIfAbsent(p.a(), path -> maker.of(root.resolve(path)));
            thumbnails.computeIfAbsent(p.b(), path -> maker.of(root.resolve(path)));
            html.append("<figure>");
            image(html, p.a(), thumbnails);
            image(html, p.b(), thumbnails);
            html.append("<figcaption>")
                    .append(Double.isNaN(p.cosine()) ? "cosine below the sweep" : "cosine " + f3(p.cosine()))
                    .append("<br>")
                    .append(Html.escape(p.a()))
                    .append("<br>")
                    .append(Html.escape(p.b()))
                    .append("</figcaption></figure>\n");
        }
        if (pairs.size() > PAIRS_SHOWN) {
            html.append("<p>").append(pairs.size() - PAIRS_SHOWN).append(" more in the JSON (--json).</p>\n");
        }
        html.append("</div>\n");
    }

    private static void image(StringBuilder html, String path, Map<String, Thumbnail> thumbnails) {
        if (thumbnails.get(path) instanceof Thumbnail.Image image) {
            html.append("<img src=\"")
                    .append(image.dataUri())
                    .append("\" width=\"")
                    .append(image.width())
                    .append("\" height=\"")
                    .append(image.height())
                    .append("\" alt=\"")
                    .append(Html.escape(path))
                    .append("\">");
        } else {
            html.append("<span class=\"missing\">unreadable</span>");
        }
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
            table.scores{border-collapse:collapse}
            table.scores td,table.scores th{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}
            tr.best{background:#e6f4ea;font-weight:bold}
            .pairs{display:flex;flex-wrap:wrap;gap:.75rem}
            figure{margin:0;border:1px solid #ddd;padding:.4rem;max-width:340px}
            figure img{max-width:160px;height:auto;vertical-align:top}
            figcaption{font-size:.8rem;word-break:break-all}
            .missing{display:inline-block;width:160px;color:#a00}
            """;
}
