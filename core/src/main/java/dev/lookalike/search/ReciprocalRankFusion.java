package dev.lookalike.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reciprocal-rank fusion (Cormack, Clarke and Buettcher, 2009): an item's score is
 * {@code sum over rankings of 1 / (k + rank)}, rank from 1, with k = {@value Fusion#RRF_K}; an
 * item absent from a ranking gets nothing from it.
 */
public final class ReciprocalRankFusion {

    /**
     * One fused item.
     *
     * @param id    the item, such as a path or an image id
     * @param score its fused score
     */
    public record Fused(String id, double score) {}

    private ReciprocalRankFusion() {}

    /**
     * The best {@code k} items of the fused rankings, highest score first; equal scores put the id
     * that sorts first first.
     *
     * @param rankings each model's items, best first; an item at most once per ranking
     * @param k        how many items to keep, at least 1
     */
    public static List<Fused> fuse(List<List<String>> rankings, int k) {
        return fuse(rankings, k, id -> true);
    }

    /**
     * As {@link #fuse(List, int)}, over the items {@code keep} accepts only: every item is fused
     * first and the rejected ones are then skipped, so that fewer than {@code k} come back only when
     * fewer are accepted.
     *
     * @param keep whether an item may be returned, such as whether every model has a vector for it
     */
    public static List<Fused> fuse(List<List<String>> rankings, int k, Predicate<String> keep) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        Map<String, Double> scores = new HashMap<>();
        for (List<String> ranking : rankings) {
            for (int i = 0; i < ranking.size(); i++) {
                scores.merge(ranking.get(i), Fusion.reciprocalRank(i + 1), Double::sum);
            }
        }
        List<Fused> fused = new ArrayList<>(scores.size());
        scores.forEach((id, score) -> {
            if (keep.test(id)) {
                fused.add(new Fused(id, score));
            }
        });
        fused.sort(Comparator.comparingDouble(Fused::score).reversed().thenComparing(Fused::id));
        return List.copyOf(fused.subList(0, Math.min(k, fused.size())));
    }
}
