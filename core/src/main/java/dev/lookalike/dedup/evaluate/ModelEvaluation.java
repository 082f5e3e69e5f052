package dev.lookalike.dedup.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One model's pairs scored against a set's known groups over a sweep of thresholds.
 *
 * @param model        the model or fusion
 * @param sweep        the scores, by increasing threshold
 * @param best         the threshold with the highest F1 (the higher threshold among equal F1s)
 * @param misses       the true pairs not predicted at the best threshold, by decreasing cosine; a
 *                     cosine of {@code NaN} means below the lowest threshold of the sweep (the join
 *                     did not report it)
 * @param falseMatches the pairs predicted at the best threshold across groups, by decreasing cosine
 * @param images       the set's images the index holds
 * @param missing      the set's images the index lacks
 */
public record ModelEvaluation(
        String model,
        List<ThresholdScore> sweep,
        ThresholdScore best,
        List<ScoredPair> misses,
        List<ScoredPair> falseMatches,
        int images,
        int missing) {

    /** The thresholds of the default sweep: 0.50, 0.51, ..., 1.00. */
    public static List<Float> defaultSweep() {
        List<Float> sweep = new ArrayList<>();
        for (int i = 50; i <= 100; i++) {
            sweep.add(i / 100f);
        }
        return sweep;
    }

    /**
     * Scores {@code pairs} against {@code truth}.
     *
     * @param pairs      every pair of indexed images whose cosine is at least the lowest of {@code thresholds}
     *                   (pairs with an image outside the set are ignored)
     * @param thresholds increasing thresholds, at least one
     */
    public static ModelEvaluation of(String model, KnownGroups truth, List<ScoredPair> pairs, List<Float> thresholds) {
        if (thresholds.isEmpty()) {
            throw new IllegalArgumentException("no thresholds to evaluate");
        }
        List<ScoredPair> inSet = pairs.stream()
                .filter(p -> truth.contains(p.a()) && truth.contains(p.b()))
                .toList();
        List<ThresholdScore> sweep = new ArrayList<>();
        for (float threshold : thresholds) {
            long predicted = 0;
            long correct = 0;
            for (ScoredPair pair : inSet) {
                if ((float) pair.cosine() >= threshold) {
                    predicted++;
                    correct += truth.duplicates(pair.a(), pair.b()) ? 1 : 0;
                }
            }
            sweep.add(new ThresholdScore(threshold, predicted, correct, truth.truePairs()));
        }
        ThresholdScore best = sweep.stream()
                .max(Comparator.comparingDouble(ThresholdScore::f1).thenComparingDouble(ThresholdScore::threshold))
                .orElseThrow();
        return new ModelEvaluation(
                model,
                sweep,
                best,
                misses(truth, inSet, best.threshold()),
                inSet.stream()
                        .filter(p -> (float) p.cosine() >= best.threshold() && !truth.duplicates(p.a(), p.b()))
                        .sorted(byDecreasingCosine())
                        .toList(),
                truth.images(),
                truth.missing());
    }

    private static List<ScoredPair> misses(KnownGroups truth, List<ScoredPair> inSet, float threshold) {
        Map<String, Double> cosines = new HashMap<>();
        for (ScoredPair pair : inSet) {
            cosines.put(key(pair.a(), pair.b()), pair.cosine());
        }
        List<ScoredPair> misses = new ArrayList<>();
        for (String[] pair : truth.pairs()) {
            double cosine = cosines.getOrDefault(key(pair[0], pair[1]), Double.NaN);
            if (Double.isNaN(cosine) || (float) cosine < threshold) {
                misses.add(new ScoredPair(pair[0], pair[1], cosine));
            }
        }
        misses.sort(byDecreasingCosine());
        return misses;
    }

    private static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + '\n' + b : b + '\n' + a;
    }

    /** Decreasing cosine, NaN last, then paths. */
    private static Comparator<ScoredPair> byDecreasingCosine() {
        return Comparator.<ScoredPair>comparingDouble(
                        p -> Double.isNaN(p.cosine()) ? Double.POSITIVE_INFINITY : -p.cosine())
                .thenComparing(ScoredPair::a)
                .thenComparing(ScoredPair::b);
    }
}
