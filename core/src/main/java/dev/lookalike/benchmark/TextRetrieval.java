package dev.lookalike.benchmark;

import dev.lookalike.search.SearchHit;
import java.util.List;
import java.util.Set;

/**
 * Retrieval metrics of one ranking against the set of relevant images, as information retrieval defines them:
 * precision@k (relevant among the first k, over k), recall@k (relevant among the first k, over all relevant) and
 * average precision (the mean, over the relevant images, of the precision at each one's rank; a relevant image
 * missing from the ranking contributes 0).
 *
 * @param label       the label whose sentence was the query
 * @param query       the sentence
 * @param relevant    how many images carry the label
 * @param precisionAtK precision at k
 * @param recallAtK   recall at k
 * @param averagePrecision average precision over the whole ranking
 */
public record TextRetrieval(
        String label, String query, int relevant, double precisionAtK, double recallAtK, double averagePrecision) {

    /**
     * Scores {@code ranking} (nearest first) against {@code relevantImages}.
     *
     * @param k the cut-off for precision and recall, at least 1
     */
    public static TextRetrieval score(
            String label, String query, List<SearchHit> ranking, Set<String> relevantImages, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (relevantImages.isEmpty()) {
            throw new IllegalArgumentException("label " + label + " has no image");
        }
        int found = 0;
        int foundAtK = 0;
        double precisionSum = 0;
        for (int i = 0; i < ranking.size(); i++) {
            if (relevantImages.contains(ranking.get(i).path())) {
                found++;
                precisionSum += (double) found / (i + 1);
                if (i < k) {
                    foundAtK++;
                }
            }
        }
        int relevant = relevantImages.size();
        return new TextRetrieval(
                label, query, relevant, (double) foundAtK / k, (double) foundAtK / relevant, precisionSum / relevant);
    }
}
