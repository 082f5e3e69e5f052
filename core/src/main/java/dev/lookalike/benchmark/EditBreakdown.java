package dev.lookalike.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The article's metrics per edit type: for each edit name in the {@link EditLog}, the accuracy of
 * each model over the queries with a match whose edits include it (a query with two edits counts
 * under both).
 *
 * @param edit    the edit name, such as {@code crop}
 * @param queries the queries with a match that went through it
 * @param byModel each model's metrics over those queries, in model order
 */
public record EditBreakdown(String edit, int queries, Map<String, ArticleMetrics> byModel) {

    public EditBreakdown {
        byModel = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byModel));
    }

    /** One breakdown per edit type, sorted by edit name. */
    public static List<EditBreakdown> of(GroundTruth truth, EditLog edits, List<Predictions> models) {
        List<EditBreakdown> rows = new ArrayList<>();
        for (String edit : edits.editTypes()) {
            Map<String, Optional<String>> subset = new LinkedHashMap<>();
            for (String query : truth.queriesWithMatch()) {
                if (edits.edits(query).contains(edit)) {
                    subset.put(query, truth.reference(query));
                }
            }
            GroundTruth editTruth = GroundTruth.of(subset);
            Map<String, ArticleMetrics> byModel = new LinkedHashMap<>();
            models.forEach(p -> byModel.put(p.model(), ArticleMetrics.of(editTruth, p)));
            rows.add(new EditBreakdown(edit, subset.size(), byModel));
        }
        return rows;
    }
}
