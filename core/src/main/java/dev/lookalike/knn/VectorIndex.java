package dev.lookalike.knn;

import java.util.List;

/**
 * A searchable collection of vectors of one dimension, addressed by int ordinals in insertion
 * order. Vectors are compared by cosine: implementations L2-normalise what they are given.
 * Batch first, like FAISS: add many vectors at once, search many queries at once.
 */
public interface VectorIndex {

    /** The length of every vector. */
    int dimension();

    /** The number of vectors added so far; the next vector added gets this ordinal. */
    int size();

    /**
     * Appends {@code count} vectors.
     *
     * @param vectors row-major, at least {@code count * dimension()} floats; not retained
     * @throws IllegalArgumentException if the array is too short or a vector has zero or non-finite norm
     */
    void add(float[] vectors, int count);

    /** Appends each row of {@code vectors}, every one {@code dimension()} long. */
    default void add(float[][] vectors) {
        int d = dimension();
        float[] rows = new float[Math.multiplyExact(vectors.length, d)];
        for (int i = 0; i < vectors.length; i++) {
            checkDimension(vectors[i], "vector " + i);
            System.arraycopy(vectors[i], 0, rows, i * d, d);
        }
        add(rows, vectors.length);
    }

    /**
     * The {@code k} vectors most similar to each query, best first; equal scores rank the lower
     * ordinal first.
     *
     * @param queries rows of length {@code dimension()}; not modified
     * @param k       hits per query, at least 1; rows are padded when the index has fewer vectors
     * @throws IllegalArgumentException if {@code k < 1} or a query has the wrong dimension or a zero norm
     */
    Neighbors search(float[][] queries, int k);

    /** The at most {@code k} vectors most similar to {@code query}, best first, without padding. */
    default List<Neighbor> search(float[] query, int k) {
        return search(new float[][] {query}, k).hits(0);
    }

    /** Throws {@link IllegalArgumentException} naming both dimensions unless {@code v} has {@link #dimension()}. */
    default void checkDimension(float[] v, String what) {
        if (v.length != dimension()) {
            throw new IllegalArgumentException(what + " has dimension " + v.length + ", index has " + dimension());
        }
    }
}
