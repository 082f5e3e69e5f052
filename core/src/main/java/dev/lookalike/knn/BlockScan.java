package dev.lookalike.knn;

import dev.lookalike.vector.VectorKernels;

/**
 * Scores a range of queries against a range of stored rows and keeps each query's top k. The rows
 * are visited in blocks small enough to stay in a core's L2 cache while every query of the range
 * is scored against them, so each row read from memory serves all queries (the role GEMM plays
 * for FAISS), and the kernels tile queries x panels of rows in registers.
 */
final class BlockScan {

    /** Floats of stored rows per block: 256 KiB, half a Zen core's L2 and a quarter of a Xeon's. */
    private static final int BLOCK_FLOATS = 1 << 16;
    /** Queries scored per kernel call, bounding the scratch score array. */
    private static final int QUERY_BLOCK = 36;

    private static final int PANEL = VectorKernels.PANEL;

    private final VectorKernels kernels;
    private final PanelStore store;
    private final int dimension;
    private final int rowsPerBlock;

    BlockScan(VectorKernels kernels, PanelStore store, int dimension) {
        this.kernels = kernels;
        this.store = store;
        this.dimension = dimension;
        this.rowsPerBlock = Math.max(1, BLOCK_FLOATS / dimension / PANEL) * PANEL;
    }

    /**
     * Offers rows {@code [rowFrom, rowTo)} to the heaps of queries {@code [queryFrom, queryTo)}.
     * {@code rowFrom} is the first row of a panel.
     *
     * @param queries normalised queries, row-major
     * @param heaps   one heap per query of the range, {@code heaps[q - queryFrom]}
     */
    void scan(float[] queries, int queryFrom, int queryTo, int rowFrom, int rowTo, TopK[] heaps) {
        assert rowFrom % PANEL == 0 : "scan must start on a panel, not at row " + rowFrom;
        float[] scores = new float[QUERY_BLOCK * rowsPerBlock];
        int row = rowFrom;
        while (row < rowTo) {
            int rowsLeftInChunk = store.rowsPerChunk() - row % store.rowsPerChunk();
            int count = Math.min(Math.min(rowsPerBlock, rowTo - row), rowsLeftInChunk);
            int panels = (count + PANEL - 1) / PANEL;
            float[] chunk = store.chunkOf(row);
            int offset = store.panelOffset(row);
            for (int q = queryFrom; q < queryTo; q += QUERY_BLOCK) {
                int queryCount = Math.min(QUERY_BLOCK, queryTo - q);
                kernels.scorePanels(queries, q * dimension, queryCount, chunk, offset, panels, dimension, scores);
                offer(scores, queryCount, panels * PANEL, count, row, heaps, q - queryFrom);
            }
            row += count;
        }
    }

    /** Rows arrive in ascending ordinal order, so a score equal to a full heap's worst never enters. */
    private static void offer(
            float[] scores, int queryCount, int stride, int rowCount, int firstRow, TopK[] heaps, int firstHeap) {
        for (int i = 0; i < queryCount; i++) {
            TopK heap = heaps[firstHeap + i];
            float threshold = heap.threshold();
            for (int j = 0; j < rowCount; j++) {
                float score = scores[i * stride + j];
                if (score > threshold) {
                    heap.offer(score, firstRow + j);
                    threshold = heap.threshold();
                }
            }
        }
    }
}
