package dev.lookalike.preprocess;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fixed-point weights Pillow uses to resample one axis from {@code inSize} to {@code outSize}
 * pixels (its {@code precompute_coeffs} and {@code normalize_coeffs_8bpc}): output pixel i is
 * the sum of {@code weight(i, k) * in[first(i) + k]} for k below {@code count(i)}.
 *
 * <p>Immutable; kernels are cached per (filter, in size, out size).
 */
final class ResampleKernel {

    /** Pillow's fixed-point precision for 8-bit images: 32 - 8 - 2 bits. */
    static final int PRECISION_BITS = 22;

    private static final int MAX_CACHED = 512;
    private static final Map<Key, ResampleKernel> CACHE = new ConcurrentHashMap<>();

    private final int[] first;
    private final int[] count;
    private final int[] weights;
    private final int stride;
    /** {@link #pairWeights()}, made on first use. */
    private volatile int[] pairWeights;

    private record Key(Resample filter, int inSize, int outSize) {}

    private ResampleKernel(int[] first, int[] count, int[] weights, int stride) {
        this.first = first;
        this.count = count;
        this.weights = weights;
        this.stride = stride;
    }

    static ResampleKernel of(Resample filter, int inSize, int outSize) {
        Key key = new Key(filter, inSize, outSize);
        ResampleKernel kernel = CACHE.get(key);
        if (kernel == null) {
            kernel = compute(filter, inSize, outSize);
            if (CACHE.size() >= MAX_CACHED) {
                CACHE.clear();
            }
            CACHE.put(key, kernel);
        }
        return kernel;
    }

    private static ResampleKernel compute(Resample filter, int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        // Downscaling widens the filter so that every input pixel contributes.
        double filterScale = Math.max(scale, 1.0);
        double support = filter.support() * filterScale;
        int stride = (int) Math.ceil(support) * 2 + 1;
        int[] first = new int[outSize];
        int[] count = new int[outSize];
        int[] weights = new int[outSize * stride];
        double inverseScale = 1.0 / filterScale;
        double[] w = new double[stride];
        for (int i = 0; i < outSize; i++) {
            double center = (i + 0.5) * scale;
            int min = Math.max(0, (int) (center - support + 0.5));
            int max = Math.min(inSize, (int) (center + support + 0.5)) - min;
            double sum = 0.0;
            for (int k = 0; k < max; k++) {
                w[k] = filter.weight((k + min - center + 0.5) * inverseScale);
                sum += w[k];
            }
            for (int k = 0; k < max; k++) {
                double normalized = sum != 0.0 ? w[k] / sum : w[k];
                weights[i * stride + k] = toFixedPoint(normalized);
            }
            first[i] = min;
            count[i] = max;
        }
        return new ResampleKernel(first, count, weights, stride);
    }

    private static int toFixedPoint(double weight) {
        double scaled = weight * (1 << PRECISION_BITS);
        return (int) (scaled < 0 ? scaled - 0.5 : scaled + 0.5);
    }

    int first(int i) {
        return first[i];
    }

    int count(int i) {
        return count[i];
    }

    int weight(int i, int k) {
        return weights[i * stride + k];
    }

    int[] weights() {
        return weights;
    }

    int stride() {
        return stride;
    }

    /**
     * The weights laid out for eight-lane vectors over interleaved RGB: output i's taps two by
     * two, {@code [w0, w0, w0, w1, w1, w1, 0, 0, w2, w2, w2, w3, ...]}, at {@code i * pairStride()},
     * zero past the last tap.
     */
    int[] pairWeights() {
        int[] pairs = pairWeights;
        if (pairs == null) {
            int pairStride = pairStride();
            pairs = new int[first.length * pairStride];
            for (int i = 0; i < first.length; i++) {
                for (int k = 0; k < count[i]; k++) {
                    int at = i * pairStride + (k / 2) * 8 + (k % 2) * 3;
                    java.util.Arrays.fill(pairs, at, at + 3, weights[i * stride + k]);
                }
            }
            pairWeights = pairs;
        }
        return pairs;
    }

    /** The ints per output in {@link #pairWeights()}: eight per two taps. */
    int pairStride() {
        return (stride + 1) / 2 * 8;
    }

    /** Rounds a fixed-point sum (which started at one half) back to 0..255. */
    static int clip8(int sum) {
        if (sum >= 1 << PRECISION_BITS << 8) {
            return 255;
        }
        return sum <= 0 ? 0 : sum >> PRECISION_BITS;
    }
}
