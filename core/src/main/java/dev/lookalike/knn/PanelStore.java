package dev.lookalike.knn;

import dev.lookalike.vector.VectorKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Append-only storage of rows in {@code float[]} chunks, in the panel layout of
 * {@link VectorKernels#scorePanels}: each group of {@link VectorKernels#PANEL} consecutive rows is
 * stored transposed, element {@code k} of the group's row {@code r} at {@code k * PANEL + r}. A
 * chunk holds whole panels (up to 64 MiB), so a run of panels inside one chunk is one contiguous
 * slice; the slots of the last panel past {@link #size()} hold zeros. Also keeps each row's
 * squared norm. Not thread-safe: {@link FlatIndex} guards it.
 */
final class PanelStore {

    static final int MAX_CHUNK_FLOATS = 1 << 24;
    private static final int PANEL = VectorKernels.PANEL;

    private final int dimension;
    private final int rowsPerChunk;
    private final VectorKernels kernels;
    private final List<float[]> chunks = new ArrayList<>();
    private float[] squareNorms = new float[0];
    private int size;

    /** @param maxChunkFloats chunk size limit; {@link #MAX_CHUNK_FLOATS} except in tests of chunk boundaries */
    PanelStore(int dimension, int maxChunkFloats, VectorKernels kernels) {
        this.dimension = dimension;
        this.kernels = kernels;
        this.rowsPerChunk = Math.max(PANEL, maxChunkFloats / dimension / PANEL * PANEL);
    }

    int size() {
        return size;
    }

    /** Rows per full chunk, a multiple of {@link VectorKernels#PANEL}. */
    int rowsPerChunk() {
        return rowsPerChunk;
    }

    /** The chunk holding {@code row}. */
    float[] chunkOf(int row) {
        return chunks.get(row / rowsPerChunk);
    }

    /** Where the panel holding {@code row} starts in its chunk. */
    int panelOffset(int row) {
        return (row % rowsPerChunk) / PANEL * PANEL * dimension;
    }

    float squareNorm(int row) {
        return squareNorms[row];
    }

    /** A copy of row {@code row}. */
    float[] row(int row) {
        float[] copy = new float[dimension];
        copyRow(row, copy, 0);
        return copy;
    }

    /** Copies row {@code row} into {@code target[offset..offset+dimension)}. */
    void copyRow(int row, float[] target, int offset) {
        float[] chunk = chunkOf(row);
        int start = panelOffset(row) + row % PANEL;
        for (int k = 0; k < dimension; k++) {
            target[offset + k] = chunk[start + k * PANEL];
        }
    }

    /**
     * Appends {@code count} rows from the start of row-major {@code rows}, each divided by its
     * norm on the way in (exactly as {@link dev.lookalike.vector.VectorUtil#normalizeRow} does),
     * keeping the squared norms of the results; the work is split into {@code slices} parallel
     * tasks. A bulk add sizes chunks exactly; repeated small adds grow the last chunk by doubling.
     *
     * @param norms {@code count} norms, each positive and finite
     */
    void append(float[] rows, int count, double[] norms, int slices) {
        if ((long) size + count > Integer.MAX_VALUE - 2L * PANEL) {
            throw new IllegalArgumentException("cannot add " + count + " vectors to " + size + ": too many");
        }
        if (size + count > squareNorms.length) {
            squareNorms = Arrays.copyOf(squareNorms, (int)
                    Math.min(Integer.MAX_VALUE - 2L * PANEL, Math.max(size + count, 2L * squareNorms.length)));
        }
        List<Runnable> work = new ArrayList<>();
        for (int done = 0; done < count; ) {
            int rowInChunk = size % rowsPerChunk;
            int fit = Math.min(count - done, rowsPerChunk - rowInChunk);
            float[] chunk = chunkWithRoom(rowInChunk, fit);
            for (int s = 0; s < slices; s++) {
                int from = (int) ((long) fit * s / slices);
                int to = (int) ((long) fit * (s + 1) / slices);
                int source = done;
                int row = size;
                work.add(() ->
                        normaliseInto(rows, norms, source + from, chunk, rowInChunk + from, row + from, to - from));
            }
            size += fit;
            done += fit;
        }
        // Each task writes its own rows; the chunks were all sized above, so none moves meanwhile.
        FlatIndex.runAll(work);
    }

    /**
     * Normalises {@code n} rows of {@code rows} from row {@code first} into a chunk's panels at
     * {@code rowInChunk}, recording their squared norms from store row {@code storeRow}.
     */
    private void normaliseInto(
            float[] rows, double[] norms, int first, float[] chunk, int rowInChunk, int storeRow, int n) {
        float[] unit = new float[dimension];
        for (int i = 0; i < n; i++) {
            int source = (first + i) * dimension;
            double norm = norms[first + i];
            for (int k = 0; k < dimension; k++) {
                unit[k] = (float) (rows[source + k] / norm);
            }
            squareNorms[storeRow + i] = kernels.dot(unit, 0, unit, 0, dimension);
            int panel = (rowInChunk + i) / PANEL * PANEL * dimension + (rowInChunk + i) % PANEL;
            for (int k = 0; k < dimension; k++) {
                chunk[panel + k * PANEL] = unit[k];
            }
        }
    }

    /** The chunk that row {@link #size} goes to, grown to hold {@code fit} more rows from {@code rowInChunk}. */
    private float[] chunkWithRoom(int rowInChunk, int fit) {
        if (rowInChunk == 0) {
            chunks.add(new float[0]);
        }
        float[] chunk = chunks.getLast();
        if ((rowInChunk + fit) * dimension > chunk.length) {
            long doubled = 2L * chunk.length / dimension;
            int rows = (int) Math.min(rowsPerChunk, Math.max(rowInChunk + fit, doubled));
            rows = (rows + PANEL - 1) / PANEL * PANEL;
            chunk = Arrays.copyOf(chunk, rows * dimension);
            chunks.set(chunks.size() - 1, chunk);
        }
        return chunk;
    }

    /** Heap bytes held per stored row, counting spare capacity. */
    double bytesPerRow() {
        long bytes = 4L * squareNorms.length;
        for (float[] chunk : chunks) {
            bytes += 4L * chunk.length;
        }
        return size == 0 ? 0 : (double) bytes / size;
    }
}
