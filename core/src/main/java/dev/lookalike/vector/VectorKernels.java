package dev.lookalike.vector;

/**
 * The hot loops over float vectors, unchecked: callers guarantee that every offset and length
 * lies inside its array. {@link VectorUtil} is the checked front; indexes call a kernel directly
 * on rows of their contiguous storage.
 *
 * <p>Implementations are stateless and thread-safe. {@link #dot} and {@link #squareDistance} of
 * different implementations may differ by float rounding, since they sum in different orders;
 * {@link #scorePanels} fixes its order, so every implementation gives the same bits.
 */
public interface VectorKernels {

    /** The inner product of {@code a[aOffset..aOffset+length)} and {@code b[bOffset..bOffset+length)}. */
    float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

    /** The squared Euclidean distance between the same two slices as {@link #dot}. */
    float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length);

    /** Rows per panel in {@link #scorePanels}' layout. */
    int PANEL = 16;

    /** Elements per partial sum in {@link #scorePanels}. */
    int SEGMENT = 64;

    /**
     * Inner products of query rows against stored rows laid out in panels, for cache-blocked
     * search. A panel holds {@link #PANEL} rows transposed: element {@code k} of its row {@code r}
     * is at {@code k * PANEL + r}, so one vector load fetches element {@code k} of many rows and a
     * multiply-add updates many scores at once, with no horizontal sums. Every score is summed the
     * same way whichever query or panel position it has, so equal rows score bit-for-bit alike:
     * fused multiply-adds in order {@code k = 0, 1, ...} within each segment of
     * {@link #SEGMENT} elements, the segments' sums added in order. Segments keep the rounding
     * error of long sums close to that of a blocked BLAS product.
     *
     * @param queries     row-major query rows; row {@code i} starts at {@code queryOffset + i * dimension}
     * @param queryCount  number of query rows
     * @param panels      panel {@code p} starts at {@code panelOffset + p * PANEL * dimension}
     * @param panelCount  number of panels
     * @param dimension   length of every row
     * @param scores      output, {@code scores[i * panelCount * PANEL + p * PANEL + r]}; at least
     *                    {@code queryCount * panelCount * PANEL} floats
     */
    void scorePanels(
            float[] queries,
            int queryOffset,
            int queryCount,
            float[] panels,
            int panelOffset,
            int panelCount,
            int dimension,
            float[] scores);

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
