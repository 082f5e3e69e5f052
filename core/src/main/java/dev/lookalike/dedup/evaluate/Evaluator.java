package dev.lookalike.dedup.evaluate;

import dev.lookalike.dataset.GroupsCsv;
import dev.lookalike.dedup.DedupRequest;
import dev.lookalike.dedup.DuplicateFinder;
import dev.lookalike.dedup.DuplicatePair;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.search.ModelChoice;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code dedup --evaluate}: for each model, the index's pairs down to the sweep's lowest
 * threshold ({@link DuplicateFinder}, so exact copies pair whatever their cosine and pairs a person
 * marked "not duplicates" are left out), scored against the set's groups ({@link ModelEvaluation})
 * among the images that model embedded.
 */
public final class Evaluator {

    private Evaluator() {}

    /**
     * Evaluates {@code models} of {@code store} against {@code rows} of a {@code groups.csv}.
     *
     * @param thresholds increasing thresholds in (0, 1]
     * @throws IllegalArgumentException when a model is not in the index, or no image of the set is
     */
    public static List<ModelEvaluation> evaluate(
            IndexStore store,
            List<GroupsCsv.Row> rows,
            List<String> models,
            List<Float> thresholds,
            int threads,
            ProgressReporter progress)
            throws IOException {
        Map<String, StoredFile> files = store.files();
        List<ModelEvaluation> out = new ArrayList<>();
        for (String model : models) {
            KnownGroups truth;
            try {
                truth = KnownGroups.of(rows, embeddedBy(files, model));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(model + ": " + e.getMessage(), e);
            }
            List<DuplicatePair> found = DuplicateFinder.find(
                            store, new DedupRequest(model, thresholds.getFirst(), threads), progress)
                    .pairs();
            List<ScoredPair> pairs = found.stream()
                    .map(p -> new ScoredPair(p.a(), p.b(), p.cosine()))
                    .toList();
            out.add(ModelEvaluation.of(model, truth, pairs, thresholds));
        }
        return out;
    }

    /**
     * The files with a vector of {@code model} (of every component of a fusion): an image the model
     * never embedded can't be paired, so its pairs are left out of that model's truth.
     */
    private static List<String> embeddedBy(Map<String, StoredFile> files, String model) {
        List<String> components = ModelChoice.parse(model).models();
        return files.values().stream()
                .filter(file -> file.models().containsAll(components))
                .map(file -> file.record().path())
                .toList();
    }
}
