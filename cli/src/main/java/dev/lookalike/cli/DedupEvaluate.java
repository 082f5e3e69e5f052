package dev.lookalike.cli;

import dev.lookalike.dataset.GroupsCsv;
import dev.lookalike.dedup.evaluate.Evaluator;
import dev.lookalike.dedup.evaluate.ModelEvaluation;
import dev.lookalike.dedup.evaluate.ThresholdScore;
import dev.lookalike.report.EvaluationReport;
import dev.lookalike.store.IndexStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** {@code dedup --evaluate groups.csv}: each model's pairs against a duplicate set's known groups. */
final class DedupEvaluate {

    private DedupEvaluate() {}

    /**
     * Evaluates {@code models} (comma-separated, or every model of the index when null) and prints
     * the best threshold of each; writes the JSON and the page when asked.
     */
    static void run(ToolContext context, Path index, Path groups, String models, Path json, Path html)
            throws IOException {
        List<GroupsCsv.Row> rows = GroupsCsv.read(groups);
        List<ModelEvaluation> evaluations;
        Path root;
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            List<String> names = models == null
                    ? List.copyOf(store.models().keySet())
                    : Arrays.stream(models.split(","))
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .toList();
            if (names.isEmpty()) {
                throw new IllegalArgumentException(index + ": the index has no models yet");
            }
            root = Path.of(store.info().root());
            try {
                evaluations = Evaluator.evaluate(
                        store, rows, names, ModelEvaluation.defaultSweep(), context.threads(), context.progress());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage()); // a model the index lacks, or a set it doesn't hold
            }
        }
        print(context.out(), evaluations);
        if (json != null) {
            EvaluationReport.writeJson(json, evaluations);
            context.note("wrote %s", json);
        }
        if (html != null) {
            EvaluationReport.writeHtml(html, evaluations, root);
            context.note("wrote %s", html);
        }
    }

    private static void print(PrintWriter out, List<ModelEvaluation> evaluations) {
        ModelEvaluation first = evaluations.getFirst();
        out.printf(
                Locale.ROOT,
                "pairs at cosine >= T for T = %.2f..%.2f against the set's groups; per model the best F1%n",
                first.sweep().getFirst().threshold(),
                first.sweep().getLast().threshold());
        int width = Math.max(
                12, evaluations.stream().mapToInt(e -> e.model().length()).max().orElse(0));
        out.printf(
                Locale.ROOT,
                "%-" + width + "s %7s %10s %7s %9s %9s %9s %9s %7s %7s%n",
                "model",
                "images",
                "true pairs",
                "best T",
                "precision",
                "recall",
                "F1",
                "predicted",
                "misses",
                "false");
        for (ModelEvaluation e : evaluations) {
            ThresholdScore b = e.best();
            out.printf(
                    Locale.ROOT,
                    "%-" + width + "s %7d %10d %7.2f %9.3f %9.3f %9.3f %9d %7d %7d%n",
                    e.model(),
                    e.images(),
                    b.truePairs(),
                    b.threshold(),
                    b.precision(),
                    b.recall(),
                    b.f1(),
                    b.predicted(),
                    e.misses().size(),
                    e.falseMatches().size());
            if (e.missing() > 0) {
                out.printf(
                        Locale.ROOT,
                        "  %s: %d images of the set have no vector of this model, left out%n",
                        e.model(),
                        e.missing());
            }
        }
        out.flush();
    }
}
