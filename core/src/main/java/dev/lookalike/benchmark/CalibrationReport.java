package dev.lookalike.benchmark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Reads a calibrated threshold back from a {@code bench} report ({@code report.json} or
 * {@code --json}): {@code models.<model>.thresholds[]}, as {@code report.BenchmarkJson} writes it.
 */
public final class CalibrationReport {

    private CalibrationReport() {}

    /**
     * The threshold {@code model} reached {@code precision} at on the report's set.
     *
     * @throws NoSuchFileException      when the report is missing
     * @throws DatasetException         when it is not a bench report with thresholds
     * @throws IllegalArgumentException when it has no such model or precision, the model's scores
     *                                  are ranks ({@code :rrf}), or it never reached the precision
     */
    public static Calibration threshold(Path report, String model, double precision) throws IOException {
        if (!Files.isRegularFile(report)) {
            throw new NoSuchFileException(report.toString(), null, "bench report not found");
        }
        JsonNode models;
        try {
            models = new ObjectMapper().readTree(report.toFile()).path("models");
        } catch (JsonProcessingException e) {
            throw new DatasetException(report, "not JSON: " + e.getOriginalMessage());
        }
        if (!models.isObject()) {
            throw new DatasetException(report, "not a bench report (no \"models\")");
        }
        JsonNode row = models.get(model);
        if (row == null) {
            List<String> names = new ArrayList<>();
            models.fieldNames().forEachRemaining(names::add);
            throw new IllegalArgumentException(
                    report + " has no model '" + model + "' (it has " + String.join(", ", names) + ")");
        }
        if ("rrf".equals(row.path("score").asText())) {
            throw new IllegalArgumentException(report + ": " + model + " scores by rank, not cosine; its thresholds"
                    + " can't be used as cosines");
        }
        JsonNode thresholds = row.get("thresholds");
        if (thresholds == null || !thresholds.isArray()) {
            throw new DatasetException(
                    report,
                    "model " + model + " has no calibrated thresholds (a report of an"
                            + " older lookalike: run bench again)");
        }
        List<String> available = new ArrayList<>();
        for (JsonNode t : thresholds) {
            double p = t.path("precision").asDouble();
            available.add(String.format(Locale.ROOT, "%.2f", p));
            if (Math.abs(p - precision) < 1e-9) {
                return calibration(report, model, t);
            }
        }
        throw new IllegalArgumentException(String.format(
                Locale.ROOT,
                "%s has no threshold at precision %s for %s" + " (it has %s)",
                report,
                precision,
                model,
                String.join(", ", available)));
    }

    private static Calibration calibration(Path report, String model, JsonNode t) {
        double precision = t.path("precision").asDouble();
        if (t.path("threshold").isNull() || !t.path("threshold").isNumber()) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "%s: %s never reached %.0f%% precision"
                            + " on that set; choose a lower --precision or a --threshold",
                    report,
                    model,
                    precision * 100));
        }
        return new Calibration(
                precision,
                OptionalDouble.of(t.path("threshold").asDouble()),
                t.path("recall").asDouble(),
                t.path("precision_reached").asDouble());
    }
}
