package dev.lookalike.vector;

import java.util.Arrays;

/**
 * Portable kernels. Four independent accumulators break the dependency chain of a single running
 * sum, which is what limits a naive loop: the JIT does not vectorise float reductions because
 * reordering the additions changes the result.
 */
final class ScalarKernels implements VectorKernels {

    static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {}

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (int bound = length & ~3; i < bound; i += 4) {
            s0 += a[aOffset + i] * b[bOffset + i];
            s1 += a[aOffset + i + 1] * b[bOffset + i + 1];
            s2 += a[aOffset + i + 2] * b[bOffset + i + 2];
            s3 += a[aOffset + i + 3] * b[bOffset + i + 3];
        }
        for (; i < length; i++) {
            s0 += a[aOffset + i] * b[bOffset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public float squareDistance(float[] a, int aOffset, float[] b, int bOffset, int length) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (int bound = length & ~3; i < bound; i += 4) {
            float d0 = a[aOffset + i] - b[bOffset + i];
            float d1 = a[aOffset + i + 1] - b[bOffset + i + 1];
            float d2 = a[aOffset + i + 2] - b[bOffset + i + 2];
            float d3 = a[aOffset + i + 3] - b[bOffset + i + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < length; i++) {
            float d = a[aOffset + i] - b[bOffset + i];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
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
        float[] sums = new float[PANEL];
        for (int i = 0; i < queryCount; i++) {
            int q = queryOffset + i * dimension;
            for (int p = 0; p < panelCount; p++) {
                int panel = panelOffset + p * PANEL * dimension;
                int out = i * width + p * PANEL;
                for (int from = 0; from < dimension; from += SEGMENT) {
                    Arrays.fill(sums, 0f);
                    for (int k = from; k < Math.min(dimension, from + SEGMENT); k++) {
                        float value = queries[q + k];
                        for (int r = 0; r < PANEL; r++) {
                            sums[r] = Math.fma(value, panels[panel + k * PANEL + r], sums[r]);
                        }
                    }
                    for (int r = 0; r < PANEL; r++) {
                        scores[out + r] = from == 0 ? sums[r] : scores[out + r] + sums[r];
                    }
                }
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
