package dev.lookalike.knn;

/**
 * One neighbour of a query.
 *
 * @param ordinal  the vector's position in insertion order (0-based), or -1 for padding
 * @param cosine   inner product of the normalised query and vector, i.e. their cosine
 * @param distance squared L2 distance of the normalised vectors, as FAISS {@code IndexFlatL2}
 *                 reports it ({@code 2 - 2 * cosine} up to rounding, never negative)
 */
public record Neighbor(int ordinal, float cosine, float distance) {

    /** FAISS's padding when fewer than k vectors exist: ordinal -1 and the worst possible scores. */
    public static final Neighbor PADDING = new Neighbor(-1, -Float.MAX_VALUE, Float.MAX_VALUE);

    /** {@code (cosine + 1) / 2}, the article's similarity score in [0, 1]. */
    public float score() {
        return (cosine + 1) / 2;
    }
}
