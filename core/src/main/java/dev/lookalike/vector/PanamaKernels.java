package dev.lookalike.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels on {@code jdk.incubator.vector}, at the platform's preferred vector width.
 *
 * <p>{@link #dotBlock} computes a 4 x 2 tile of inner products per pass over the dimension: each
 * query lane loaded serves two base rows and each base lane serves four queries, so the loop
 * issues 8 multiply-adds per 6 loads, where a plain dot product issues 1 per 2. Eight
 * accumulators plus the operands fit the 16 registers of AVX2. A single query uses a 1 x 4 tile,
 * whose four independent accumulators hide the multiply-add latency.
 */
final class PanamaKernels implements VectorKernels {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private PanamaKernels() {
    }

    /** The kernels, or {@code null} where vectors are narrower than 128 bits (no gain over scalar). */
    public static VectorKernels createIfUseful() {
        return SPECIES.vectorBitSize() >= 128 ? new PanamaKernels() : null;
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
    public void dotBlock(float[] queries, int queryOffset, int queryCount,
                         float[] base, int baseOffset, int baseCount, int dimension, float[] scores) {
        float[] lanes = new float[8 * LANES];
        int i = 0;
        for (; i + 4 <= queryCount; i += 4) {
            int q = queryOffset + i * dimension;
            int j = 0;
            for (; j + 2 <= baseCount; j += 2) {
                tile4x2(queries, q, base, baseOffset + j * dimension, dimension, lanes);
                for (int r = 0; r < 4; r++) {
                    for (int c = 0; c < 2; c++) {
                        scores[(i + r) * baseCount + j + c] = finish(lanes, 2 * r + c, queries,
                                q + r * dimension, base, baseOffset + (j + c) * dimension, dimension);
                    }
                }
            }
            for (; j < baseCount; j++) {
                for (int r = 0; r < 4; r++) {
                    scores[(i + r) * baseCount + j] =
                            pair(queries, q + r * dimension, base, baseOffset + j * dimension, dimension, lanes);
                }
            }
        }
        for (; i < queryCount; i++) {
            int q = queryOffset + i * dimension;
            int j = 0;
            for (; j + 4 <= baseCount; j += 4) {
                tile1x4(queries, q, base, baseOffset + j * dimension, dimension, lanes);
                for (int c = 0; c < 4; c++) {
                    scores[i * baseCount + j + c] =
                            finish(lanes, c, queries, q, base, baseOffset + (j + c) * dimension, dimension);
                }
            }
            for (; j < baseCount; j++) {
                scores[i * baseCount + j] = pair(queries, q, base, baseOffset + j * dimension, dimension, lanes);
            }
        }
    }

    /*
     * Every score of dotBlock is summed in the same order whichever tile computes it: one
     * accumulator per (query, row) pair over full vectors, its lanes added in index order, then
     * the tail. So duplicate rows score bit-for-bit alike and ties rank by ordinal, in the
     * interpreter and in compiled code alike (see sumLanes).
     */

    /** Accumulators of four query rows x two base rows, stored to {@code lanes} slots 0..7 (slot = 2 * query + row). */
    private static void tile4x2(float[] queries, int q, float[] base, int b, int dimension, float[] lanes) {
        FloatVector s00 = FloatVector.zero(SPECIES), s01 = s00, s10 = s00, s11 = s00;
        FloatVector s20 = s00, s21 = s00, s30 = s00, s31 = s00;
        int q1 = q + dimension, q2 = q1 + dimension, q3 = q2 + dimension, b1 = b + dimension;
        for (int k = 0, bound = SPECIES.loopBound(dimension); k < bound; k += LANES) {
            FloatVector x0 = load(base, b + k);
            FloatVector x1 = load(base, b1 + k);
            FloatVector v = load(queries, q + k);
            s00 = v.fma(x0, s00);
            s01 = v.fma(x1, s01);
            v = load(queries, q1 + k);
            s10 = v.fma(x0, s10);
            s11 = v.fma(x1, s11);
            v = load(queries, q2 + k);
            s20 = v.fma(x0, s20);
            s21 = v.fma(x1, s21);
            v = load(queries, q3 + k);
            s30 = v.fma(x0, s30);
            s31 = v.fma(x1, s31);
        }
        s00.intoArray(lanes, 0);
        s01.intoArray(lanes, LANES);
        s10.intoArray(lanes, 2 * LANES);
        s11.intoArray(lanes, 3 * LANES);
        s20.intoArray(lanes, 4 * LANES);
        s21.intoArray(lanes, 5 * LANES);
        s30.intoArray(lanes, 6 * LANES);
        s31.intoArray(lanes, 7 * LANES);
    }

    /** Accumulators of one query row x four base rows, stored to {@code lanes} slots 0..3. */
    private static void tile1x4(float[] queries, int q, float[] base, int b, int dimension, float[] lanes) {
        FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
        int b1 = b + dimension, b2 = b1 + dimension, b3 = b2 + dimension;
        for (int k = 0, bound = SPECIES.loopBound(dimension); k < bound; k += LANES) {
            FloatVector v = load(queries, q + k);
            s0 = v.fma(load(base, b + k), s0);
            s1 = v.fma(load(base, b1 + k), s1);
            s2 = v.fma(load(base, b2 + k), s2);
            s3 = v.fma(load(base, b3 + k), s3);
        }
        s0.intoArray(lanes, 0);
        s1.intoArray(lanes, LANES);
        s2.intoArray(lanes, 2 * LANES);
        s3.intoArray(lanes, 3 * LANES);
    }

    /** One score, summed in the same order as the tiles'. */
    private static float pair(float[] queries, int q, float[] base, int b, int dimension, float[] lanes) {
        FloatVector s = FloatVector.zero(SPECIES);
        for (int k = 0, bound = SPECIES.loopBound(dimension); k < bound; k += LANES) {
            s = load(queries, q + k).fma(load(base, b + k), s);
        }
        s.intoArray(lanes, 0);
        return finish(lanes, 0, queries, q, base, b, dimension);
    }

    /** Adds the lanes of accumulator {@code slot} in index order, then the elements past the last full vector. */
    private static float finish(float[] lanes, int slot, float[] a, int aOffset, float[] b, int bOffset, int length) {
        float sum = 0;
        for (int l = slot * LANES; l < (slot + 1) * LANES; l++) {
            sum += lanes[l];
        }
        for (int k = SPECIES.loopBound(length); k < length; k++) {
            sum += a[aOffset + k] * b[bOffset + k];
        }
        return sum;
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
