package dev.lookalike.dedup.evaluate;

import dev.lookalike.dataset.GroupsCsv;
import dev.lookalike.dedup.DedupRequest;
import dev.lookalike.dedup.DuplicateFinder;
import dev.lookalike.dedup.DuplicatePair;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.store.IndexStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code dedup --evaluate}: for each model, the index's pairs down to the sweep's lowest
 * threshold ({@link DuplicateFinder}, so exact copies pair whatever their cosine and pairs a person
 * marked "not duplicates" are left out), scored against the set's groups ({@link ModelEvaluation}).
 */
public final class Evaluator {

    private Evaluator() {
    }

    /**
     * Evaluates {@code models} of {@code store} against {@code rows} of a {@code groups.csv}.
     *
     * @param thresholds increasing thresholds in (0, 1]
     * @throws IllegalArgumentException when a model is not in the index, or no image of the set is
     */
    public static List<ModelEvaluation> evaluate(IndexStore store, List<GroupsCsv.Row> rows, List<String> models,
                                                 List<Float> thresholds, int threads, ProgressReporter progress)
            throws IOException {
        KnownGroups truth = KnownGroups.of(rows, store.fileIds().keySet());
        List<ModelEvaluation> out = new ArrayList<>();
        for (String model : models) {
            List<DuplicatePair> found = DuplicateFinder.find(store, new DedupRequest(model, thresholds.getFirst(), threads),
                    progress).pairs();
            List<ScoredPair> pairs = found.stream().map(p -> new ScoredPair(p.a(), p.b(), p.cosine())).toList();
            out.add(ModelEvaluation.of(model, truth, pairs, thresholds));
        }
        return out;
    }
}
