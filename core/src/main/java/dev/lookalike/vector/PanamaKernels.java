package dev.lookalike.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels on {@code jdk.incubator.vector}. {@link #dot} and {@link #squareDistance} use the
 * platform's preferred width; {@link #scorePanels} works on 256-bit halves of a 16-row panel, like
 * the register-blocked micro-kernel of a BLAS GEMM: broadcast one query element, multiply-add it
 * into the scores of 16 stored rows. Horizontal sums are never needed there.
 */
final class PanamaKernels implements VectorKernels {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** A panel row of 16 floats is two 256-bit vectors (one register each on AVX2, halves of a zmm on AVX-512). */
    private static final VectorSpecies<Float> PANEL_SPECIES = FloatVector.SPECIES_256;

    private static final int HALF = PANEL / 2;

    private PanamaKernels() {}

    /** The kernels, or {@code null} where vectors are narrower than 256 bits (the panel kernels would be emulated). */
    public static VectorKernels createIfUseful() {
        return SPECIES.vectorBitSize() >= 256 ? new PanamaKernels() : null;
    }

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (int bound = length - length % (4 * LANES); i < bound; i += 4 * LANES) {
            s0 = load(a, aOffset + i).fma(load(b, bOffset + i), s0);
            s1 = load(a, aOffset + i + LANES).fma(load(b, bOffset + i + LANES), s1);
            s2 = load(a, aOffset + i + 2 * LANES).fma(load(b, bOffset + i + 2 * LANES), s2);
            s3 = load(a, aOffset + i + 3 * LANES).fma(load(b, bOffset + i + 3 * LANES), s3);
        }
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            s0 = load(a, aOffset + i).fma(load(b, bOffset + i), s0);
        }
        float sum = sumLanes(s0.add(s1).add(s2.add(s3)));
        for (; i < length; i++) {
            sum += a[aOffset + i] * b[bOffset + i];
        }
        return sum;
    }

    @Override
    public float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length) {
        FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0;
        int i = 0;
        for (int bound = length - length % (2 * LANES); i < bound; i += 2 * LANES) {
            FloatVector d0 = load(a, aOffset + i).sub(load(b, bOffset + i));
            FloatVector d1 = load(a, aOffset + i + LANES).sub(load(b, bOffset + i + LANES));
            s0 = d0.fma(d0, s0);
            s1 = d1.fma(d1, s1);
        }
        for (int bound = SPECIES.loopBound(length); i < bound; i += LANES) {
            FloatVector d0 = load(a, aOffset + i).sub(load(b, bOffset + i));
            s0 = d0.fma(d0, s0);
        }
        float sum = sumLanes(s0.add(s1));
        for (; i < length; i++) {
            float d = a[aOffset + i] - b[bOffset + i];
            sum += d * d;
        }
        return sum;
    }

    @Override
    public void scorePanels(
            float[] queries,
            int queryOffset,
            int queryCount,
            float[] panels,
            int panelOffset,
            int panelCount,
            int dimension,
            float[] scores) {
        int width = panelCount * PANEL;
        for (int p = 0; p < panelCount; p++) {
            int panel = panelOffset + p * PANEL * dimension;
            int i = 0;
            for (; i + 6 <= queryCount; i += 6) {
                tile6(
                        queries,
                        queryOffset + i * dimension,
                        dimension,
                        panels,
                        panel,
                        scores,
                        i * width + p * PANEL,
                        width);
            }
            for (; i < queryCount; i++) {
                tile1(queries, queryOffset + i * dimension, dimension, panels, panel, scores, i * width + p * PANEL);
            }
        }
    }

    /**
     * Six queries against one panel: twelve accumulators (6 queries x 2 halves of the panel), two
     * panel loads and six broadcasts per step, which fits the 16 registers of AVX2.
     */
    private static void tile6(
            float[] queries, int q, int dimension, float[] panels, int panel, float[] scores, int out, int stride) {
        int q1 = q + dimension, q2 = q1 + dimension, q3 = q2 + dimension, q4 = q3 + dimension, q5 = q4 + dimension;
        for (int from = 0; from < dimension; from += SEGMENT) {
            int to = Math.min(dimension, from + SEGMENT);
            FloatVector a0 = FloatVector.zero(PANEL_SPECIES), b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0;
            FloatVector a3 = a0, b3 = a0, a4 = a0, b4 = a0, a5 = a0, b5 = a0;
            for (int k = from; k < to; k++) {
                int at = panel + k * PANEL;
                FloatVector lo = FloatVector.fromArray(PANEL_SPECIES, panels, at);
                FloatVector hi = FloatVector.fromArray(PANEL_SPECIES, panels, at + HALF);
                FloatVector v = FloatVector.broadcast(PANEL_SPECIES, queries[q + k]);
                a0 = v.fma(lo, a0);
                b0 = v.fma(hi, b0);
                v = FloatVector.broadcast(PANEL_SPECIES, queries[q1 + k]);
                a1 = v.fma(lo, a1);
                b1 = v.fma(hi, b1);
                v = FloatVector.broadcast(PANEL_SPECIES, queries[q2 + k]);
                a2 = v.fma(lo, a2);
                b2 = v.fma(hi, b2);
                v = FloatVector.broadcast(PANEL_SPECIES, queries[q3 + k]);
                a3 = v.fma(lo, a3);
                b3 = v.fma(hi, b3);
                v = FloatVector.broadcast(PANEL_SPECIES, queries[q4 + k]);
                a4 = v.fma(lo, a4);
                b4 = v.fma(hi, b4);
                v = FloatVector.broadcast(PANEL_SPECIES, queries[q5 + k]);
                a5 = v.fma(lo, a5);
                b5 = v.fma(hi, b5);
            }
            boolean first = from == 0;
            accumulate(a0, b0, scores, out, first);
            accumulate(a1, b1, scores, out + stride, first);
            accumulate(a2, b2, scores, out + 2 * stride, first);
            accumulate(a3, b3, scores, out + 3 * stride, first);
            accumulate(a4, b4, scores, out + 4 * stride, first);
            accumulate(a5, b5, scores, out + 5 * stride, first);
        }
    }

    /** One query against one panel, the same arithmetic per lane as {@link #tile6}. */
    private static void tile1(
            float[] queries, int q, int dimension, float[] panels, int panel, float[] scores, int out) {
        for (int from = 0; from < dimension; from += SEGMENT) {
            int to = Math.min(dimension, from + SEGMENT);
            FloatVector a = FloatVector.zero(PANEL_SPECIES), b = a;
            for (int k = from; k < to; k++) {
                int at = panel + k * PANEL;
                FloatVector v = FloatVector.broadcast(PANEL_SPECIES, queries[q + k]);
                a = v.fma(FloatVector.fromArray(PANEL_SPECIES, panels, at), a);
                b = v.fma(FloatVector.fromArray(PANEL_SPECIES, panels, at + HALF), b);
            }
            accumulate(a, b, scores, out, from == 0);
        }
    }

    /** Stores a segment's sums, or adds them to the earlier segments' total. */
    private static void accumulate(FloatVector lo, FloatVector hi, float[] scores, int out, boolean first) {
        if (!first) {
            lo = lo.add(FloatVector.fromArray(PANEL_SPECIES, scores, out));
            hi = hi.add(FloatVector.fromArray(PANEL_SPECIES, scores, out + HALF));
        }
        lo.intoArray(scores, out);
        hi.intoArray(scores, out + HALF);
    }

    /**
     * Adds the lanes in index order. {@code reduceLanes(ADD)} may add them in any order, and does
     * differently in interpreted and compiled code, which made the same dot product differ in its
     * last bit from one call to the next.
     */
    private static float sumLanes(FloatVector v) {
        float[] lanes = new float[LANES];
        v.intoArray(lanes, 0);
        float sum = 0;
        for (float lane : lanes) {
            sum += lane;
        }
        return sum;
    }

    private static FloatVector load(float[] array, int offset) {
        return FloatVector.fromArray(SPECIES, array, offset);
    }

    @Override
    public String name() {
        return "panama-" + SPECIES.vectorBitSize();
    }
}
