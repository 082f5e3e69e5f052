package dev.lookalike.embed;

/** The two vector operations the embedding stage needs; the search side has its own fast kernels. */
public final class VectorMath {

    private VectorMath() {
    }

    /**
     * Returns {@code v} scaled to unit L2 norm, as a new array. A zero vector is returned as
     * zeros (as FAISS's {@code normalize_L2} leaves it), since it has no direction.
     */
    public static float[] l2Normalize(float[] v) {
        double norm = Math.sqrt(dot(v, v));
        float[] out = new float[v.length];
        if (norm == 0) {
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    /**
     * The cosine of the angle between {@code a} and {@code b}, in [-1, 1]; 0 when either is a
     * zero vector.
     *
     * @throws IllegalArgumentException when the dimensions differ
     */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vector dimensions differ: " + a.length + " vs " + b.length);
        }
        double norms = Math.sqrt(dot(a, a) * dot(b, b));
        if (norms == 0) {
            return 0;
        }
        return Math.max(-1, Math.min(1, dot(a, b) / norms));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
