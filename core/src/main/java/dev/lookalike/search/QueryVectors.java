package dev.lookalike.search;

import dev.lookalike.model.ModelIdentity;
import java.util.List;

/**
 * One model's vectors of a batch of queries, what an {@link ExactRanker} ranks.
 *
 * @param model   the model the vectors come from
 * @param ids     the queries' ids (a query image's name or file stem); queries whose images could not be
 *                read are left out
 * @param vectors one vector per id, in order, normalised or not
 */
public record QueryVectors(ModelIdentity model, List<String> ids, float[][] vectors) {

    public QueryVectors {
        ids = List.copyOf(ids);
        if (ids.size() != vectors.length) {
            throw new IllegalArgumentException(ids.size() + " query ids but " + vectors.length + " vectors");
        }
    }

    /** A batch of one query. */
    public static QueryVectors single(ModelIdentity model, String id, float[] vector) {
        return new QueryVectors(model, List.of(id), new float[][] {vector});
    }
}
