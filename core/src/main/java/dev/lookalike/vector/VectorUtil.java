package dev.lookalike.vector;

/**
 * Checked operations on float vectors. Arguments are validated here (a dimension mismatch names
 * both dimensions); the arithmetic runs in the {@link VectorKernels} chosen once at start-up.
 */
public final class VectorUtil {

    private static final VectorKernels KERNELS = VectorKernels.best();

    private VectorUtil() {}

    /** The kernels every method here uses. */
    public static VectorKernels kernels() {
        return KERNELS;
    }

    /** The inner product of {@code a} and {@code b}. */
    public static float dot(float[] a, float[] b) {
        checkSameDimension(a, b);
        return KERNELS.dot(a, 0, b, 0, a.length);
    }

    /** The squared Euclidean distance between {@code a} and {@code b}. */
    public static float squareDistance(float[] a, float[] b) {
        checkSameDimension(a, b);
        return KERNELS.squareDistance(a, 0, b, 0, a.length);
    }

    /** The Euclidean (L2) norm of {@code v}. */
    public static float norm(float[] v) {
        return (float) Math.sqrt(KERNELS.dot(v, 0, v, 0, v.length));
    }

    /**
     * The cosine of the angle between {@code a} and {@code b}, in [-1, 1] up to rounding.
     *
     * @throws IllegalArgumentException if the dimensions differ or either vector has zero norm
     */
    public static float cosine(float[] a, float[] b) {
        checkSameDimension(a, b);
        double normProduct = Math.sqrt((double) checkedSquareNorm(a, "a") * checkedSquareNorm(b, "b"));
        return (float) (KERNELS.dot(a, 0, b, 0, a.length) / normProduct);
    }

    /**
     * Scales {@code v} in place to unit L2 norm.
     *
     * @return {@code v}
     * @throws IllegalArgumentException if {@code v} has zero or non-finite norm
     */
    public static float[] l2Normalize(float[] v) {
        normalizeRow(v, 0, v.length);
        return v;
    }

    /** A unit-norm copy of {@code v}; {@code v} is unchanged. */
    public static float[] l2Normalized(float[] v) {
        return l2Normalize(v.clone());
    }

    /**
     * Scales {@code array[offset..offset+length)} in place to unit L2 norm, for rows of a
     * row-major matrix.
     *
     * @throws IllegalArgumentException if the slice is out of bounds, or has zero or non-finite norm
     */
    public static void normalizeRow(float[] array, int offset, int length) {
        if (offset < 0 || length < 0 || offset > array.length - length) {
            throw new IllegalArgumentException(
                    "slice [" + offset + ", " + offset + " + " + length + ") outside array of length " + array.length);
        }
        double norm = Math.sqrt(checkedSquareNorm(array, offset, length));
        for (int i = offset; i < offset + length; i++) {
            array[i] = (float) (array[i] / norm);
        }
    }

    private static float checkedSquareNorm(float[] v, String name) {
        float squareNorm = KERNELS.dot(v, 0, v, 0, v.length);
        if (!(squareNorm > 0) || Float.isInfinite(squareNorm)) {
            throw new IllegalArgumentException(
                    "vector " + name + " has squared norm " + squareNorm + "; cosine needs a non-zero, finite vector");
        }
        return squareNorm;
    }

    private static float checkedSquareNorm(float[] array, int offset, int length) {
        float squareNorm = KERNELS.dot(array, offset, array, offset, length);
        if (!(squareNorm > 0) || Float.isInfinite(squareNorm)) {
            throw new IllegalArgumentException("cannot normalize a vector with squared norm " + squareNorm);
        }
        return squareNorm;
    }

    private static void checkSameDimension(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vector dimensions differ: " + a.length + " != " + b.length);
        }
    }
}
