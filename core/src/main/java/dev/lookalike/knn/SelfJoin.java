package dev.lookalike.knn;

import dev.lookalike.progress.Progress;
import dev.lookalike.vector.VectorKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every pair of vectors in a {@link FlatIndex} whose cosine is at least a threshold: an exact self-join, the
 * range search of FAISS ({@code range_search} on {@code IndexFlatIP}) of the index against itself, computed over
 * the upper triangle only.
 *
 * <p>The rows are cut into query blocks; each block is scored against itself and every later row with the
 * index's panel kernels ({@link VectorKernels#scorePanels}), the stored rows visited in cache-sized blocks as a
 * search does, so a pair's cosine has the bits a search would give it. Memory besides the index: one query block
 * (at most {@value #MAX_QUERY_BLOCK} rows), one score block per thread and the pairs found (12 bytes each); never
 * an n x n matrix. Blocks are handed to threads in pairs, the first with the last, so every task does about the
 * same work and the progress (in rows) advances evenly.
 */
public final class SelfJoin {

    /** Most query rows per block: 3 MiB of 768-d queries, which stay in a shared L3 cache. */
    static final int MAX_QUERY_BLOCK = 1024;

    private static final int MIN_QUERY_BLOCK = 64;
    /** Floats of stored rows per block, as in {@link BlockScan}. */
    private static final int BLOCK_FLOATS = 1 << 16;
    /** Queries per kernel call. */
    private static final int KERNEL_QUERIES = 36;

    private static final int PANEL = VectorKernels.PANEL;

    private final VectorKernels kernels;
    private final PanelStore store;
    private final int dimension;
    private final int rowsPerBlock;

    private SelfJoin(FlatIndex index) {
        this.kernels = index.kernels();
        this.store = index.store();
        this.dimension = index.dimension();
        this.rowsPerBlock = Math.max(1, BLOCK_FLOATS / dimension / PANEL) * PANEL;
    }

    /**
     * The pairs {@code (a, b)}, {@code a < b}, of the index's ordinals whose cosine (the inner product of the
     * normalised vectors) is at least {@code threshold}, sorted by {@code a}, then {@code b}. The index must not
     * change meanwhile.
     *
     * @param threshold the least cosine of a pair, finite
     * @param threads   most threads used, at least 1
     * @param progress  told of every query row done; {@link Progress#step} is called under its lock
     */
    public static Pairs pairs(FlatIndex index, float threshold, int threads, Progress progress) {
        return pairs(index, threshold, threads, progress, 0, index.size());
    }

    /**
     * The pairs of {@link #pairs(FlatIndex, float, int, Progress)} whose first ordinal {@code a} lies in
     * {@code [from, to)}: one strip of the triangle, so that a join can be split between processes or machines
     * (strips that cover {@code [0, n)} give every pair once).
     */
    public static Pairs pairs(FlatIndex index, float threshold, int threads, Progress progress, int from, int to) {
        if (from < 0 || from > to || to > index.size()) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") outside [0, " + index.size() + ")");
        }
        if (!Float.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return new SelfJoin(index).run(threshold, threads, progress, from, to);
    }

    private Pairs run(float threshold, int threads, Progress progress, int first, int last) {
        int n = last - first;
        int blockRows = queryBlockRows(n, threads);
        int blocks = (n + blockRows - 1) / blockRows;
        Pairs[] found = new Pairs[blocks];
        AtomicInteger nextTask = new AtomicInteger();
        int tasks = (blocks + 1) / 2;
        List<Runnable> workers = new ArrayList<>();
        for (int t = 0; t < Math.min(threads, Math.max(1, tasks)); t++) {
            workers.add(() -> {
                float[] queries = new float[blockRows * dimension];
                float[] scores = new float[KERNEL_QUERIES * rowsPerBlock];
                for (int task = nextTask.getAndIncrement(); task < tasks; task = nextTask.getAndIncrement()) {
                    for (int block :
                            task == blocks - 1 - task ? new int[] {task} : new int[] {task, blocks - 1 - task}) {
                        int from = first + block * blockRows;
                        int to = Math.min(last, from + blockRows);
                        found[block] = joinBlock(from, to, threshold, queries, scores);
                        synchronized (progress) {
                            progress.step(to - from);
                        }
                    }
                }
            });
        }
        FlatIndex.runAll(workers);
        return Pairs.concat(found);
    }

    /** Query rows per block: enough blocks for every thread to get several tasks, whole panels, bounded. */
    private static int queryBlockRows(int n, int threads) {
        int rows = (int) Math.min(MAX_QUERY_BLOCK, Math.max(MIN_QUERY_BLOCK, (long) n / (8L * threads)));
        return (rows + PANEL - 1) / PANEL * PANEL;
    }

    /** The pairs with {@code a} in {@code [from, to)} and {@code b > a}. */
    private Pairs joinBlock(int from, int to, float threshold, float[] queries, float[] scores) {
        int count = to - from;
        for (int i = 0; i < count; i++) {
            store.copyRow(from + i, queries, i * dimension);
        }
        RowPairs[] rows = new RowPairs[count];
        int row = from / PANEL * PANEL;
        while (row < store.size()) {
            int rowsLeftInChunk = store.rowsPerChunk() - row % store.rowsPerChunk();
            int block = Math.min(Math.min(rowsPerBlock, store.size() - row), rowsLeftInChunk);
            int panels = (block + PANEL - 1) / PANEL;
            float[] chunk = store.chunkOf(row);
            int offset = store.panelOffset(row);
            for (int q = 0; q < count; q += KERNEL_QUERIES) {
                int queryCount = Math.min(KERNEL_QUERIES, count - q);
                kernels.scorePanels(queries, q * dimension, queryCount, chunk, offset, panels, dimension, scores);
                collect(scores, queryCount, panels * PANEL, block, row, from + q, threshold, rows, q);
            }
            row += block;
        }
        return Pairs.of(from, rows);
    }

    /** Keeps the scores at or above the threshold whose stored row comes after the query row. */
    private static void collect(
            float[] scores,
            int queryCount,
            int stride,
            int rowCount,
            int firstRow,
            int firstQuery,
            float threshold,
            RowPairs[] rows,
            int firstSlot) {
        for (int i = 0; i < queryCount; i++) {
            int start = Math.max(0, firstQuery + i + 1 - firstRow);
            int base = i * stride;
            for (int j = start; j < rowCount; j++) {
                float score = scores[base + j];
                if (score >= threshold) {
                    RowPairs pairs = rows[firstSlot + i];
                    if (pairs == null) {
                        pairs = rows[firstSlot + i] = new RowPairs();
                    }
                    pairs.add(firstRow + j, score);
                }
            }
        }
    }

    /** One query row's partners, in ascending order as the row blocks arrive. */
    private static final class RowPairs {
        private int[] partners = new int[4];
        private float[] cosines = new float[4];
        private int size;

        void add(int partner, float cosine) {
            if (size == partners.length) {
                partners = Arrays.copyOf(partners, size * 2);
                cosines = Arrays.copyOf(cosines, size * 2);
            }
            partners[size] = partner;
            cosines[size++] = cosine;
        }
    }

    /**
     * Pairs of ordinals with their cosines, in parallel arrays: pair {@code i} is {@code (a[i], b[i])} with
     * cosine {@code cosines[i]}, {@code a[i] < b[i]}, sorted by {@code a}, then {@code b}.
     */
    public record Pairs(int[] a, int[] b, float[] cosines) {

        public Pairs {
            if (a.length != b.length || a.length != cosines.length) {
                throw new IllegalArgumentException(
                        "pair arrays differ in length: " + a.length + ", " + b.length + ", " + cosines.length);
            }
        }

        /** The number of pairs. */
        public int count() {
            return a.length;
        }

        private static Pairs of(int from, RowPairs[] rows) {
            int total = 0;
            for (RowPairs row : rows) {
                total += row == null ? 0 : row.size;
            }
            int[] a = new int[total];
            int[] b = new int[total];
            float[] cosines = new float[total];
            int at = 0;
            for (int i = 0; i < rows.length; i++) {
                RowPairs row = rows[i];
                if (row != null) {
                    Arrays.fill(a, at, at + row.size, from + i);
                    System.arraycopy(row.partners, 0, b, at, row.size);
                    System.arraycopy(row.cosines, 0, cosines, at, row.size);
                    at += row.size;
                }
            }
            return new Pairs(a, b, cosines);
        }

        private static Pairs concat(Pairs[] parts) {
            long total = 0;
            for (Pairs part : parts) {
                total += part.count();
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(total + " pairs are too many; raise the threshold");
            }
            int[] a = new int[(int) total];
            int[] b = new int[(int) total];
            float[] cosines = new float[(int) total];
            int at = 0;
            for (Pairs part : parts) {
                System.arraycopy(part.a, 0, a, at, part.count());
                System.arraycopy(part.b, 0, b, at, part.count());
                System.arraycopy(part.cosines, 0, cosines, at, part.count());
                at += part.count();
            }
            return new Pairs(a, b, cosines);
        }
    }
}
