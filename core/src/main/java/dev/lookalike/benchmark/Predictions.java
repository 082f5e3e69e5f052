package dev.lookalike.benchmark;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's answers: for each query, its candidate references best first (a search's top k).
 * A query may have no candidates (an unreadable query image). A reference appears at most once
 * per query, as ISC2021 requires of predictions.
 *
 * @param model   the model's name
 * @param byQuery each query's candidates, best first
 */
public record Predictions(String model, Map<String, List<Candidate>> byQuery) {

    public Predictions {
        Map<String, List<Candidate>> copy = new LinkedHashMap<>();
        byQuery.forEach((query, candidates) -> {
            Set<String> seen = new HashSet<>();
            for (Candidate candidate : candidates) {
                if (!seen.add(candidate.referenceId())) {
                    throw new IllegalArgumentException(
                            model + ": query " + query + " lists reference " + candidate.referenceId() + " twice");
                }
            }
            copy.put(query, List.copyOf(candidates));
        });
        byQuery = Collections.unmodifiableMap(copy);
    }

    /** The candidates of {@code query}, best first; empty when it has none. */
    public List<Candidate> of(String query) {
        return byQuery.getOrDefault(query, List.of());
    }

    /**
     * The 0-based position of {@code reference} among the candidates of {@code query}, or -1 when
     * it is not among them.
     */
    public int positionOf(String query, String reference) {
        List<Candidate> candidates = of(query);
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).referenceId().equals(reference)) {
                return i;
            }
        }
        return -1;
    }
}
