package dev.lookalike.benchmark;

import java.util.List;

/**
 * One model's vectors of the queries.
 *
 * @param ids     the queries' ids; queries whose images could not be read are left out
 * @param vectors one vector per id, in order
 */
public record QueryVectors(List<String> ids, float[][] vectors) {

    public QueryVectors {
        ids = List.copyOf(ids);
        if (ids.size() != vectors.length) {
            throw new IllegalArgumentException(ids.size() + " query ids but " + vectors.length + " vectors");
        }
    }
}
