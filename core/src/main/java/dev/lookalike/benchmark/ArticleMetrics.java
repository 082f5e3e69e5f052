package dev.lookalike.benchmark;

import java.util.Optional;

/**
 * The reference article's metrics, over the queries that copy a reference: accuracy (the true
 * reference is the first candidate) and top-3 accuracy (it is among the first three), in the
 * order the search returned them.
 *
 * @param queriesWithMatch queries that copy a reference
 * @param top1             of those, the queries whose first candidate is their reference
 * @param top3             of those, the queries with their reference among the first three
 */
public record ArticleMetrics(int queriesWithMatch, int top1, int top3) {

    /** Counts the hits of {@code predictions} over the queries of {@code truth} that have a match. */
    public static ArticleMetrics of(GroundTruth truth, Predictions predictions) {
        int matched = 0;
        int top1 = 0;
        int top3 = 0;
        for (String query : truth.queries()) {
            Optional<String> reference = truth.reference(query);
            if (reference.isEmpty()) {
                continue;
            }
            matched++;
            int position = predictions.positionOf(query, reference.get());
            if (position == 0) {
                top1++;
            }
            if (position >= 0 && position < 3) {
                top3++;
            }
        }
        return new ArticleMetrics(matched, top1, top3);
    }

    /** {@code top1 / queriesWithMatch}; 0 when no query has a match. */
    public double accuracyAt1() {
        return queriesWithMatch == 0 ? 0 : (double) top1 / queriesWithMatch;
    }

    /** {@code top3 / queriesWithMatch}; 0 when no query has a match. */
    public double accuracyAt3() {
        return queriesWithMatch == 0 ? 0 : (double) top3 / queriesWithMatch;
    }
}
