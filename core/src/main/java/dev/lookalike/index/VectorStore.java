package dev.lookalike.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Append-only row-major storage in {@code float[]} chunks of whole rows, so a row never straddles
 * two chunks and a block of consecutive rows inside one chunk is one contiguous slice. Chunks
 * hold up to 64 MiB; the last one grows by doubling. Also keeps each row's squared norm. Not
 * thread-safe: {@link FlatIndex} guards it.
 */
final class VectorStore {

    static final int MAX_CHUNK_FLOATS = 1 << 24;
    private static final int MIN_CHUNK_ROWS = 64;

    private final int dimension;
    private final int rowsPerChunk;
    private final List<float[]> chunks = new ArrayList<>();
    private float[] squareNorms = new float[MIN_CHUNK_ROWS];
    private int size;

    /** @param maxChunkFloats chunk size limit; {@link #MAX_CHUNK_FLOATS} except in tests of chunk boundaries */
    VectorStore(int dimension, int maxChunkFloats) {
        this.dimension = dimension;
        this.rowsPerChunk = Math.max(1, maxChunkFloats / dimension);
    }

    int size() {
        return size;
    }

    int rowsPerChunk() {
        return rowsPerChunk;
    }

    /** The chunk holding {@code row}; the row starts at {@link #offsetInChunk(int)}. */
    float[] chunkOf(int row) {
        return chunks.get(row / rowsPerChunk);
    }

    int offsetInChunk(int row) {
        return (row % rowsPerChunk) * dimension;
    }

    float squareNorm(int row) {
        return squareNorms[row];
    }

    /** Appends one row from {@code source[offset..offset+dimension)}, recording its squared norm. */
    void append(float[] source, int offset, float squareNorm) {
        if (size == Integer.MAX_VALUE) {
            throw new IllegalStateException("index is full at " + size + " vectors");
        }
        int rowInChunk = size % rowsPerChunk;
        if (rowInChunk == 0 && size / rowsPerChunk == chunks.size()) {
            chunks.add(new float[Math.min(rowsPerChunk, MIN_CHUNK_ROWS) * dimension]);
        }
        float[] chunk = chunks.getLast();
        if ((rowInChunk + 1) * dimension > chunk.length) {
            int rows = (int) Math.min(rowsPerChunk, 2L * chunk.length / dimension);
            chunk = Arrays.copyOf(chunk, rows * dimension);
            chunks.set(chunks.size() - 1, chunk);
        }
        System.arraycopy(source, offset, chunk, rowInChunk * dimension, dimension);
        if (size == squareNorms.length) {
            squareNorms = Arrays.copyOf(squareNorms, (int) Math.min(Integer.MAX_VALUE - 8, 2L * size));
        }
        squareNorms[size++] = squareNorm;
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
