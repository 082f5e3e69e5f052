package dev.lookalike.vector;

/**
 * The hot loops over float vectors, unchecked: callers guarantee that every offset and length
 * lies inside its array. {@link VectorUtil} is the checked front; indexes call a kernel directly
 * on rows of their contiguous storage.
 *
 * <p>Implementations are stateless and thread-safe. Results of different implementations may
 * differ by float rounding only, since they sum in different orders.
 */
public interface VectorKernels {

    /** The inner product of {@code a[aOffset..aOffset+length)} and {@code b[bOffset..bOffset+length)}. */
    float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

    /** The squared Euclidean distance between the same two slices as {@link #dot}. */
    float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length);

    /**
     * Inner products of a block of rows against another block of rows, for cache-blocked search:
     * {@code scores[i * baseCount + j] = dot(query row i, base row j)}.
     *
     * @param queries     row-major query rows; row {@code i} starts at {@code queryOffset + i * dimension}
     * @param queryCount  number of query rows
     * @param base        row-major base rows; row {@code j} starts at {@code baseOffset + j * dimension}
     * @param baseCount   number of base rows
     * @param dimension   length of every row
     * @param scores      output, at least {@code queryCount * baseCount} floats
     */
    void dotBlock(float[] queries, int queryOffset, int queryCount,
                  float[] base, int baseOffset, int baseCount, int dimension, float[] scores);

    /** A short name for logs and benchmark reports, such as {@code "scalar"} or {@code "panama-256"}. */
    String name();

    /** The portable scalar implementation. */
    static VectorKernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /** The fastest implementation this JVM offers, chosen once; {@link VectorUtil#kernels()} returns it. */
    static VectorKernels best() {
        return KernelSelector.BEST;
    }
}
