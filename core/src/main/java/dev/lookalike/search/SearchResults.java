package dev.lookalike.search;

import java.util.List;
import java.util.Map;

/**
 * The answer to one query: the nearest indexed images per model, side by side.
 *
 * @param query   the query image as the user named it
 * @param byModel each model's hits, nearest first, in the order the models were asked for
 */
public record SearchResults(String query, Map<String, List<SearchHit>> byModel) {

    public SearchResults {
        byModel = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byModel));
    }
}
