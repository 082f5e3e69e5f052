package dev.lookalike.knn;

import java.util.ArrayList;
import java.util.List;

/**
 * Top-k results of a batch of queries, FAISS style: row-major {@code queryCount x k} arrays, best
 * first, rows padded with {@link Neighbor#PADDING}'s values when the index holds fewer than k
 * vectors.
 *
 * @param queryCount number of queries (rows)
 * @param k          hits per row
 * @param ordinals   {@code queryCount * k} ordinals, -1 for padding
 * @param cosines    {@code queryCount * k} cosines
 * @param distances  {@code queryCount * k} squared L2 distances
 */
public record Neighbors(int queryCount, int k, int[] ordinals, float[] cosines, float[] distances) {

    public Neighbors {
        long cells = (long) queryCount * k;
        if (queryCount < 0
                || k <= 0
                || ordinals.length != cells
                || cosines.length != cells
                || distances.length != cells) {
            throw new IllegalArgumentException("arrays of lengths " + ordinals.length + ", " + cosines.length + ", "
                    + distances.length + " do not hold " + queryCount + " x " + k + " results");
        }
    }

    /** The hit at {@code rank} (0-based) of query {@code query}, possibly padding. */
    public Neighbor hit(int query, int rank) {
        int cell = query * k + rank;
        return new Neighbor(ordinals[cell], cosines[cell], distances[cell]);
    }

    /** The real hits of query {@code query}, best first, without padding. */
    public List<Neighbor> hits(int query) {
        List<Neighbor> hits = new ArrayList<>(k);
        for (int rank = 0; rank < k && ordinals[query * k + rank] >= 0; rank++) {
            hits.add(hit(query, rank));
        }
        return hits;
    }
}
