package dev.lookalike.benchmark;

import dev.lookalike.model.TextModel;
import dev.lookalike.search.SearchHit;
import dev.lookalike.search.VectorSearcher;
import dev.lookalike.search.ZeroShot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Text-to-image retrieval on labelled photos: for each label, the sentence {@code template} with the label
 * ("a photo of a {label}") is searched among all indexed images, and the ranking is scored against the images
 * that carry the label (see {@link TextRetrieval}). Only labels that some indexed image carries are queried.
 */
public final class TextRetrievalBenchmark {

    /**
     * One model's results.
     *
     * @param model            the model's name
     * @param perLabel         each label's scores, in label order
     * @param queriesPerSecond text queries (embed and search) per second
     */
    public record ModelResult(String model, List<TextRetrieval> perLabel, double queriesPerSecond) {

        /** The mean of the labels' average precisions. */
        public double meanAveragePrecision() {
            return perLabel.stream()
                    .mapToDouble(TextRetrieval::averagePrecision)
                    .average()
                    .orElse(0);
        }

        /** The mean over labels of precision at k. */
        public double meanPrecisionAtK() {
            return perLabel.stream()
                    .mapToDouble(TextRetrieval::precisionAtK)
                    .average()
                    .orElse(0);
        }

        /** The mean over labels of recall at k. */
        public double meanRecallAtK() {
            return perLabel.stream()
                    .mapToDouble(TextRetrieval::recallAtK)
                    .average()
                    .orElse(0);
        }
    }

    private TextRetrievalBenchmark() {}

    /**
     * Runs every label's query with each model.
     *
     * @param searcher the index of the labelled folder
     * @param indexed  the indexed images' paths (the ranking covers all of them)
     * @param labels   which labels each image carries
     * @param models   the text sides of the models to measure
     * @param template the sentence made of a label, with {@code {}} for the label
     * @param k        the cut-off of precision and recall
     */
    public static List<ModelResult> run(
            VectorSearcher searcher,
            Collection<String> indexed,
            ImageLabels labels,
            List<TextModel> models,
            String template,
            int k)
            throws IOException {
        Set<String> inIndex = new TreeSet<>(indexed);
        List<ModelResult> results = new ArrayList<>();
        for (TextModel model : models) {
            List<TextRetrieval> perLabel = new ArrayList<>();
            long start = System.nanoTime();
            for (String label : labels.labels()) {
                Set<String> relevant = new TreeSet<>(labels.imagesWith(label));
                relevant.retainAll(inIndex);
                if (relevant.isEmpty()) {
                    continue;
                }
                String query = ZeroShot.prompt(template, label);
                List<SearchHit> ranking =
                        searcher.search(model.identity(), model.embed(query).vector(), inIndex.size());
                perLabel.add(TextRetrieval.score(label, query, ranking, relevant, k));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            results.add(new ModelResult(model.spec().name(), perLabel, perLabel.size() / Math.max(seconds, 1e-9)));
        }
        return results;
    }
}
