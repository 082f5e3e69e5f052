package dev.lookalike.calibration;

import dev.lookalike.vector.VectorKernels;
import dev.lookalike.vector.VectorUtil;

/**
 * {@code A B^T} for float matrices, on the search kernels' {@link VectorKernels#scorePanels}: the
 * cache-blocked inner products that exact search runs at the CPU's float peak. Serial; callers split
 * the rows of {@code A} between threads.
 */
final class MatrixProduct {

    private static final int PANEL = VectorKernels.PANEL;
    /** Rows of {@code A} per kernel call, bounding the scratch scores. */
    private static final int ROW_BLOCK = 64;

    private final float[] panels;
    private final int rows;
    private final int panelCount;
    private final int dimension;

    /**
     * Lays {@code b} out for the kernel.
     *
     * @param b         {@code rows x dimension}, row-major
     * @param rows      the rows of {@code b}: the columns of every product
     * @param dimension the length of every row of {@code A} and {@code B}
     */
    MatrixProduct(float[] b, int rows, int dimension) {
        this.rows = rows;
        this.dimension = dimension;
        this.panelCount = (rows + PANEL - 1) / PANEL;
        this.panels = new float[panelCount * PANEL * dimension];
        for (int row = 0; row < rows; row++) {
            int panel = row / PANEL;
            int lane = row % PANEL;
            int base = panel * PANEL * dimension + lane;
            for (int k = 0; k < dimension; k++) {
                panels[base + k * PANEL] = b[row * dimension + k];
            }
        }
    }

    /** Columns of the scratch row {@link #times} writes: {@code rows} rounded up to a whole panel. */
    int paddedColumns() {
        return panelCount * PANEL;
    }

    /**
     * Rows {@code [from, to)} of {@code A B^T}: {@code out[(i - from) * paddedColumns() + j]} is the
     * inner product of row {@code i} of {@code a} and row {@code j} of {@code B}, for {@code j < rows};
     * the padding columns hold zeros.
     *
     * @param a   row-major, rows of {@code dimension} floats
     * @param out at least {@code (to - from) * paddedColumns()} floats
     */
    void times(float[] a, int from, int to, float[] out) {
        VectorKernels kernels = VectorUtil.kernels();
        int width = paddedColumns();
        float[] scores = new float[ROW_BLOCK * width];
        for (int start = from; start < to; start += ROW_BLOCK) {
            int count = Math.min(ROW_BLOCK, to - start);
            kernels.scorePanels(a, start * dimension, count, panels, 0, panelCount, dimension, scores);
            System.arraycopy(scores, 0, out, (start - from) * width, count * width);
        }
    }

    /** The rows of {@code B}. */
    int rows() {
        return rows;
    }
}
