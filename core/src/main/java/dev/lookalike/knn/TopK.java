package dev.lookalike.knn;

/**
 * The best {@code k} (score, ordinal) pairs offered so far: a binary min-heap whose root is the
 * worst kept pair, so a candidate is checked against one number. Higher score is better; equal
 * scores prefer the lower ordinal, which makes results independent of scan order. Not thread-safe:
 * each scanning thread owns its heaps.
 */
final class TopK {

    private final float[] scores;
    private final int[] ordinals;
    private int size;

    TopK(int k) {
        scores = new float[k];
        ordinals = new int[k];
    }

    /** Candidates scoring at or below this cannot enter (unless they tie and have a lower ordinal). */
    float threshold() {
        return size < scores.length ? Float.NEGATIVE_INFINITY : scores[0];
    }

    void offer(float score, int ordinal) {
        if (size < scores.length) {
            scores[size] = score;
            ordinals[size] = ordinal;
            siftUp(size++);
        } else if (worse(scores[0], ordinals[0], score, ordinal)) {
            scores[0] = score;
            ordinals[0] = ordinal;
            siftDown(0);
        }
    }

    /** Offers every pair of {@code other}. */
    void addAll(TopK other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.scores[i], other.ordinals[i]);
        }
    }

    /**
     * Empties the heap into {@code ordinalsOut[offset..]} and {@code scoresOut[offset..]}, best
     * first.
     *
     * @return the number of pairs written
     */
    int drainBestFirst(int[] ordinalsOut, float[] scoresOut, int offset) {
        int count = size;
        while (size > 0) {
            int last = --size;
            ordinalsOut[offset + last] = ordinals[0];
            scoresOut[offset + last] = scores[0];
            scores[0] = scores[last];
            ordinals[0] = ordinals[last];
            siftDown(0);
        }
        return count;
    }

    private static boolean worse(float score, int ordinal, float otherScore, int otherOrdinal) {
        return score < otherScore || (score == otherScore && ordinal > otherOrdinal);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(scores[i], ordinals[i], scores[parent], ordinals[parent])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                return;
            }
            if (child + 1 < size && worse(scores[child + 1], ordinals[child + 1], scores[child], ordinals[child])) {
                child++;
            }
            if (!worse(scores[child], ordinals[child], scores[i], ordinals[i])) {
                return;
            }
            swap(i, child);
            i = child;
        }
    }

    private void swap(int i, int j) {
        float s = scores[i];
        scores[i] = scores[j];
        scores[j] = s;
        int o = ordinals[i];
        ordinals[i] = ordinals[j];
        ordinals[j] = o;
    }
}
