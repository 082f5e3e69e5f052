package dev.lookalike.knn;

import dev.lookalike.vector.VectorKernels;
import dev.lookalike.vector.VectorUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Exact (brute-force) search over L2-normalised vectors, ranked by inner product like FAISS
 * {@code IndexFlatIP}; on normalised vectors that is also the order of {@code IndexFlatL2} up to
 * float rounding. Vectors and queries are normalised on the way in.
 *
 * <p>Scores are computed by {@link VectorKernels#scorePanels}, which sums every (query, vector)
 * pair the same way, so equal vectors score exactly alike and ties rank the lower ordinal first,
 * whatever the thread split.
 *
 * <p>Memory: the vectors in contiguous {@code float[]} chunks of 16-vector transposed panels, plus
 * one float (the squared norm) per vector: {@code 4 * dimension + 4} bytes per vector after a bulk
 * add (3,076 for 768-d); see {@link #bytesPerVector()}.
 *
 * <p>Thread safety: any number of searches may run at once; {@code add} takes a write lock and
 * waits for running searches (a read-write discipline). A search uses up to {@code threads}
 * threads, splitting the queries between them, or the stored vectors when there are fewer queries
 * than threads.
 */
public final class FlatIndex implements VectorIndex {

    /** Below this many multiply-adds a search stays on the calling thread. */
    private static final long PARALLEL_WORK = 1L << 22;

    private final int dimension;
    private final int threads;
    private final VectorKernels kernels;
    private final PanelStore store;
    private final BlockScan scan;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    /** An empty index searching with one thread per available processor. */
    public FlatIndex(int dimension) {
        this(dimension, Runtime.getRuntime().availableProcessors());
    }

    /**
     * An empty index.
     *
     * @param dimension length of every vector, at least 1
     * @param threads   most threads one search uses, at least 1
     */
    public FlatIndex(int dimension, int threads) {
        this(dimension, threads, PanelStore.MAX_CHUNK_FLOATS);
    }

    /** As {@link #FlatIndex(int, int)} with small chunks, so tests cross chunk boundaries. */
    FlatIndex(int dimension, int threads, int maxChunkFloats) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.dimension = dimension;
        this.threads = threads;
        this.kernels = VectorUtil.kernels();
        this.store = new PanelStore(dimension, maxChunkFloats, kernels);
        this.scan = new BlockScan(kernels, store, dimension);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return store.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void add(float[] vectors, int count) {
        if (count < 0 || (long) count * dimension > vectors.length) {
            throw new IllegalArgumentException("cannot add " + count + " vectors of dimension " + dimension
                    + " from an array of " + vectors.length + " floats");
        }
        // A bulk add (a whole index opened) is memory-bound: split it like a search. Every row is
        // checked before the store changes, so a bad vector adds nothing; rows are normalised on
        // their way into the store, without a copy of the whole input.
        int slices = (long) count * dimension < PARALLEL_WORK ? 1 : Math.min(threads, count);
        double[] norms = new double[count];
        List<Runnable> work = new ArrayList<>(slices);
        for (int s = 0; s < slices; s++) {
            int from = bound(count, s, slices, 1);
            int to = bound(count, s + 1, slices, 1);
            work.add(() -> measure(vectors, from, to, norms));
        }
        runAll(work);
        lock.writeLock().lock();
        try {
            store.append(vectors, count, norms, slices);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Neighbors search(float[][] queries, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if ((long) queries.length * k > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(queries.length + " queries x k " + k + " results are too many");
        }
        float[] rows = new float[Math.multiplyExact(queries.length, dimension)];
        for (int i = 0; i < queries.length; i++) {
            checkDimension(queries[i], "query " + i);
            System.arraycopy(queries[i], 0, rows, i * dimension, dimension);
        }
        normalizeInPlace(rows, queries.length, "query");
        lock.readLock().lock();
        try {
            return collect(rows, queries.length, k, scanAll(rows, queries.length, Math.min(k, store.size())));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A copy of the stored (normalised) vector at {@code ordinal}. */
    public float[] vector(int ordinal) {
        lock.readLock().lock();
        try {
            if (ordinal < 0 || ordinal >= store.size()) {
                throw new IllegalArgumentException("ordinal " + ordinal + " outside [0, " + store.size() + ")");
            }
            return store.row(ordinal);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The storage, for {@link SelfJoin}; callers must not let it change meanwhile. */
    PanelStore store() {
        return store;
    }

    VectorKernels kernels() {
        return kernels;
    }

    /** Heap bytes this index holds per vector, spare capacity included. */
    public double bytesPerVector() {
        lock.readLock().lock();
        try {
            return store.bytesPerRow();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs the scan as a grid of (query range x row range) tasks; returns heaps[rowSlice][query]. */
    private TopK[][] scanAll(float[] queries, int queryCount, int heapSize) {
        int size = store.size();
        if (heapSize == 0 || queryCount == 0) {
            return new TopK[0][];
        }
        int tasks = (long) queryCount * size * dimension < PARALLEL_WORK ? 1 : threads;
        int querySlices = Math.min(tasks, queryCount);
        int rowSlices = Math.max(1, Math.min(tasks / querySlices, size));
        TopK[][] heaps = new TopK[rowSlices][queryCount];
        for (TopK[] slice : heaps) {
            Arrays.setAll(slice, q -> new TopK(heapSize));
        }
        List<Runnable> work = new ArrayList<>();
        for (int qs = 0; qs < querySlices; qs++) {
            int qFrom = bound(queryCount, qs, querySlices, 1), qTo = bound(queryCount, qs + 1, querySlices, 1);
            for (int rs = 0; rs < rowSlices; rs++) {
                int rFrom = bound(size, rs, rowSlices, VectorKernels.PANEL);
                int rTo = bound(size, rs + 1, rowSlices, VectorKernels.PANEL);
                TopK[] sliceHeaps = Arrays.copyOfRange(heaps[rs], qFrom, qTo);
                work.add(() -> scan.scan(queries, qFrom, qTo, rFrom, rTo, sliceHeaps));
            }
        }
        runAll(work);
        return heaps;
    }

    /** Slice boundaries; row slices start on a panel so each scan reads whole panels. */
    private static int bound(int total, int slice, int slices, int align) {
        return slice == slices ? total : (int) ((long) total * slice / slices) / align * align;
    }

    /** The L2 norm of each row in {@code [from, to)}, as {@link VectorUtil#normalizeRow} takes it. */
    private void measure(float[] rows, int from, int to, double[] norms) {
        for (int i = from; i < to; i++) {
            float squareNorm = kernels.dot(rows, i * dimension, rows, i * dimension, dimension);
            if (!(squareNorm > 0) || Float.isInfinite(squareNorm)) {
                throw new IllegalArgumentException(
                        "vector " + i + ": cannot normalize a vector with squared norm " + squareNorm);
            }
            norms[i] = Math.sqrt(squareNorm);
        }
    }

    /**
     * Runs the first task on the calling thread and the others on virtual threads; a task's
     * unchecked exception is rethrown as it is.
     */
    static void runAll(List<Runnable> work) {
        if (work.size() == 1) {
            work.getFirst().run();
            return;
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable task : work.subList(1, work.size())) {
                futures.add(executor.submit(task));
            }
            work.getFirst().run();
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("index task interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw new IllegalStateException("index task failed", e.getCause());
        }
    }

    private Neighbors collect(float[] queries, int queryCount, int k, TopK[][] heaps) {
        int[] ordinals = new int[queryCount * k];
        float[] cosines = new float[queryCount * k];
        float[] distances = new float[queryCount * k];
        Arrays.fill(ordinals, Neighbor.PADDING.ordinal());
        Arrays.fill(cosines, Neighbor.PADDING.cosine());
        Arrays.fill(distances, Neighbor.PADDING.distance());
        for (int q = 0; q < queryCount && heaps.length > 0; q++) {
            TopK merged = heaps[0][q];
            for (int s = 1; s < heaps.length; s++) {
                merged.addAll(heaps[s][q]);
            }
            int found = merged.drainBestFirst(ordinals, cosines, q * k);
            float querySquareNorm = kernels.dot(queries, q * dimension, queries, q * dimension, dimension);
            for (int cell = q * k; cell < q * k + found; cell++) {
                distances[cell] = squareDistance(querySquareNorm, store.squareNorm(ordinals[cell]), cosines[cell]);
            }
        }
        return new Neighbors(queryCount, k, ordinals, cosines, distances);
    }

    /** FAISS's IndexFlatL2 formula {@code |q|^2 + |x|^2 - 2 q.x}, clamped at 0 as FAISS does. */
    private static float squareDistance(float querySquareNorm, float rowSquareNorm, float dot) {
        return Math.max(0f, querySquareNorm + rowSquareNorm - 2 * dot);
    }

    private void normalizeInPlace(float[] rows, int count, String what) {
        for (int i = 0; i < count; i++) {
            try {
                VectorUtil.normalizeRow(rows, i * dimension, dimension);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + " " + i + ": " + e.getMessage(), e);
            }
        }
    }
}
