package dev.lookalike.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lookalike.benchmark.ArticleMetrics;
import dev.lookalike.benchmark.BackgroundSettings;
import dev.lookalike.benchmark.BenchmarkResult;
import dev.lookalike.benchmark.Calibration;
import dev.lookalike.benchmark.Candidate;
import dev.lookalike.benchmark.EditBreakdown;
import dev.lookalike.benchmark.ModelResult;
import dev.lookalike.benchmark.PairOverlap;
import dev.lookalike.benchmark.RunSettings;
import dev.lookalike.benchmark.Variant;
import dev.lookalike.model.ModelIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A benchmark's numbers as JSON, in the shape of docs/cli.md: {@code {"settings": {...}, "models":
 * {"clip": {"score": "cosine", "accuracy_at_1": ..., "uap": ..., ...}}, "overlaps": [...], "edits": [...]}};
 * and each query's predictions in a file of their own. {@code score} says what the pooled scores
 * are: {@code "rrf"} for a reciprocal-rank fusion, whose uAP and recall@P90 are not comparable with
 * a {@code "cosine"} row's (see {@link ModelResult#rankScored()}). {@code thresholds} lists, per
 * target precision of {@link Calibration#TARGETS}, {@code {"precision", "threshold", "recall",
 * "precision_reached"}} ({@code threshold} null when no score reaches the target; see {@link Calibration}).
 */
public final class BenchmarkJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchmarkJson() {}

    /** Writes {@link #toMap} to {@code file}. */
    public static void write(Path file, BenchmarkResult result) throws IOException {
        MAPPER.writeValue(file.toFile(), toMap(result));
    }

    /** Writes every model's candidates per query: {@code {"clip": {"Q1": [{"reference": "R7", "score": 0.93}]}}}. */
    public static void writePredictions(Path file, BenchmarkResult result) throws IOException {
        Map<String, Object> byModel = new LinkedHashMap<>();
        for (ModelResult model : result.models()) {
            Map<String, Object> byQuery = new LinkedHashMap<>();
            model.predictions().byQuery().forEach((query, candidates) -> {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Candidate c : candidates) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("reference", c.referenceId());
                    row.put("score", c.score());
                    rows.add(row);
                }
                byQuery.put(query, rows);
            });
            byModel.put(model.model(), byQuery);
        }
        MAPPER.writeValue(file.toFile(), byModel);
    }

    /** Every number of the run. */
    public static Map<String, Object> toMap(BenchmarkResult result) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("settings", settings(result.settings(), result.referencesIndexed(), result.background()));
        Map<String, Object> models = new LinkedHashMap<>();
        result.models().forEach(model -> {
            Map<String, Object> entry = model(model, result.settings().queries());
            result.background()
                    .ifPresent(background -> entry.put(
                            "variants",
                            variants(model, background, result.settings().queries())));
            models.put(model.model(), entry);
        });
        doc.put("models", models);
        doc.put(
                "overlaps",
                result.overlaps().stream().map(BenchmarkJson::overlap).toList());
        doc.put("edits", result.edits().stream().map(BenchmarkJson::edit).toList());
        doc.put("unreadable_queries", result.unreadableQueries());
        return doc;
    }

    private static Map<String, Object> settings(RunSettings s, int indexed, Optional<BackgroundSettings> background) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("models", s.models());
        List<Map<String, Object>> identities = new ArrayList<>();
        for (ModelIdentity id : s.identities()) {
            identities.add(id.toJson());
        }
        map.put("model_files", identities);
        map.put("queries_dir", s.queriesDir().toString());
        map.put("references_dir", s.referencesDir().toString());
        map.put("ground_truth", s.groundTruth().toString());
        map.put("edits", s.editsFile() == null ? null : s.editsFile().toString());
        map.put("queries", s.queries());
        map.put("queries_with_match", s.queriesWithMatch());
        map.put("references", s.references());
        map.put("references_indexed", indexed);
        map.put("k", s.k());
        map.put("index", s.index() == null ? null : s.index().toString());
        map.put("background", background.map(BenchmarkJson::background).orElse(null));
        map.put("cores", s.cores());
        map.put("os", s.os());
        map.put("jdk", s.jdk());
        map.put("date", s.date().toString());
        return map;
    }

    private static Map<String, Object> model(ModelResult m, int queriesTotal) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("score", m.rankScored() ? "rrf" : "cosine");
        map.put("accuracy_at_1", m.article().accuracyAt1());
        map.put("accuracy_at_3", m.article().accuracyAt3());
        map.put("uap", m.isc().uap());
        map.put("recall_at_p90", m.isc().recallAtP90());
        map.put("threshold_at_p90", value(m.isc().thresholdAtP90()));
        map.put(
                "thresholds",
                m.isc().calibrations().stream().map(BenchmarkJson::calibration).toList());
        map.put("recall_at_rank1", m.isc().recallAtRank1());
        map.put("recall_at_rank10", m.isc().recallAtRank10());
        map.put("images_per_second", value(m.referenceImagesPerSecond()));
        map.put("query_images_per_second", value(m.queryImagesPerSecond()));
        map.put("search_seconds", m.searchSeconds());
        map.put("queries_with_match", m.article().queriesWithMatch());
        map.put("queries_total", queriesTotal);
        map.put("top1", m.article().top1());
        map.put("top3", m.article().top3());
        map.put("predictions", m.isc().curve().size());
        return map;
    }

    /** Each variant's metrics, as the raw entry's, plus the settings that made it. */
    private static Map<String, Object> variants(ModelResult m, BackgroundSettings background, int queriesTotal) {
        Map<String, Object> variants = new LinkedHashMap<>();
        m.variants().forEach((variant, result) -> {
            Map<String, Object> entry = model(result, queriesTotal);
            Map<String, Object> settings = new LinkedHashMap<>();
            boolean normalised = variant != Variant.WHITEN;
            settings.put("score_norm", normalised ? background.scoreNorm().toString() : null);
            Map<String, Integer> dimensions = new LinkedHashMap<>();
            m.choice()
                    .models()
                    .forEach(plain ->
                            dimensions.put(plain, background.whitenDimensions().get(plain)));
            settings.put("whiten_dimensions", variant == Variant.SCORE_NORM ? null : dimensions);
            settings.put("background_images", background.count());
            entry.put("settings", settings);
            variants.put(variant.key(), entry);
        });
        return variants;
    }

    private static Map<String, Object> background(BackgroundSettings b) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("dir", b.images().toString());
        map.put("images", b.count());
        map.put("score_norm", b.scoreNorm().toString());
        map.put("whiten_dimensions", b.whitened() ? b.whitenDimensions() : null);
        return map;
    }

    private static Map<String, Object> calibration(Calibration c) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("precision", c.precision());
        map.put("threshold", value(c.threshold()));
        map.put("recall", c.recall());
        map.put("precision_reached", c.achieved());
        return map;
    }

    private static Map<String, Object> overlap(PairOverlap o) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", o.modelA());
        map.put("b", o.modelB());
        map.put("both_right", o.bothRight().size());
        map.put("neither", o.neither().size());
        map.put("only_a", o.onlyA().size());
        map.put("only_a_b_in_top3", o.onlyATop3OfB().size());
        map.put("only_b", o.onlyB().size());
        map.put("only_b_a_in_top3", o.onlyBTop3OfA().size());
        Map<String, Object> queries = new LinkedHashMap<>();
        queries.put("both_right", o.bothRight());
        queries.put("neither", o.neither());
        queries.put("only_a", o.onlyA());
        queries.put("only_b", o.onlyB());
        map.put("queries", queries);
        return map;
    }

    private static Map<String, Object> edit(EditBreakdown e) {
        Map<String, Object> models = new LinkedHashMap<>();
        e.byModel().forEach((model, metrics) -> models.put(model, article(metrics)));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("edit", e.edit());
        map.put("queries", e.queries());
        map.put("models", models);
        return map;
    }

    private static Map<String, Object> article(ArticleMetrics m) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("accuracy_at_1", m.accuracyAt1());
        map.put("accuracy_at_3", m.accuracyAt3());
        return map;
    }

    private static Double value(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }
}
