package dev.lookalike.benchmark;

import java.util.List;
import java.util.Optional;

/**
 * Everything a benchmark run measured.
 *
 * @param settings          what was run, on what, where
 * @param models            each model's results, in the order asked for
 * @param overlaps          the four groups for every pair of models
 * @param edits             the metrics per edit type; empty without an edits file
 * @param unreadableQueries query images that could not be read (they count as misses)
 * @param referencesIndexed reference images with vectors for every plain model
 * @param background        how the models' variants were made; empty without a background set
 */
public record BenchmarkResult(
        RunSettings settings,
        List<ModelResult> models,
        List<PairOverlap> overlaps,
        List<EditBreakdown> edits,
        List<String> unreadableQueries,
        int referencesIndexed,
        Optional<BackgroundSettings> background) {

    public BenchmarkResult {
        models = List.copyOf(models);
        overlaps = List.copyOf(overlaps);
        edits = List.copyOf(edits);
        unreadableQueries = List.copyOf(unreadableQueries);
    }

    /** The result of {@code model}. */
    public ModelResult model(String model) {
        return models.stream()
                .filter(m -> m.model().equals(model))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no result for model " + model));
    }
}
