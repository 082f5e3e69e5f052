package dev.lookalike.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Append-only row-major storage in {@code float[]} chunks of whole rows, so a row never straddles
 * two chunks and a block of consecutive rows inside one chunk is one contiguous slice. Chunks
 * hold up to 64 MiB. Also keeps each row's squared norm. Not
 * thread-safe: {@link FlatIndex} guards it.
 */
final class VectorStore {

    static final int MAX_CHUNK_FLOATS = 1 << 24;

    private final int dimension;
    private final int rowsPerChunk;
    private final List<float[]> chunks = new ArrayList<>();
    private float[] squareNorms = new float[0];
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

    /**
     * Appends {@code count} rows from the start of {@code rows}, with their squared norms. A bulk
     * add sizes chunks exactly; repeated small adds grow the last chunk by doubling.
     */
    void append(float[] rows, int count, float[] rowSquareNorms) {
        if ((long) size + count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot add " + count + " vectors to " + size + ": too many");
        }
        if (size + count > squareNorms.length) {
            squareNorms = Arrays.copyOf(squareNorms, (int) Math.min(Integer.MAX_VALUE - 8,
                    Math.max(size + count, 2L * squareNorms.length)));
        }
        for (int done = 0; done < count; ) {
            int rowInChunk = size % rowsPerChunk;
            int fit = Math.min(count - done, rowsPerChunk - rowInChunk);
            float[] chunk = chunkWithRoom(rowInChunk, fit);
            System.arraycopy(rows, done * dimension, chunk, rowInChunk * dimension, fit * dimension);
            System.arraycopy(rowSquareNorms, done, squareNorms, size, fit);
            size += fit;
            done += fit;
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
