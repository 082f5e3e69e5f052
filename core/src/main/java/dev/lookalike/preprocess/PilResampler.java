package dev.lookalike.preprocess;

import java.util.Arrays;

/**
 * Resizes interleaved 8-bit RGB (or single-channel, as Pillow's mode "L") exactly as Pillow's
 * {@code Image.resize} does (no box, no reducing gap): a horizontal then a vertical convolution
 * pass in fixed point, rounded and clamped to 8 bits in between; NEAREST as Pillow's affine scaling.
 *
 * <p>Only a window of the output is computed (the part a center crop keeps); every output pixel
 * has the value the full resize would give it.
 */
final class PilResampler {

    /** The system property that, set to {@code scalar}, keeps the Vector API resampler unused. */
    static final String PROPERTY = "lookalike.vector";
    /** Whether {@link SimdResampler} resizes RGB: the Vector API is there and worth it. */
    static final boolean SIMD = simd();
    /** One half in fixed point: every sum starts there so that the final shift rounds. */
    private static final int HALF = 1 << (ResampleKernel.PRECISION_BITS - 1);

    private PilResampler() {}

    /**
     * Resizes {@code src} ({@code inW x inH}) to {@code outW x outH} and returns the window of
     * {@code winW x winH} pixels at ({@code winX}, {@code winY}) of the result, interleaved RGB.
     */
    static byte[] resizeWindow(
            byte[] src, int inW, int inH, int outW, int outH, Resample filter, int winX, int winY, int winW, int winH) {
        if (SIMD && filter != Resample.NEAREST) {
            return SimdResampler.resizeWindow(src, inW, inH, outW, outH, filter, winX, winY, winW, winH);
        }
        return resizeWindow(src, 3, inW, inH, outW, outH, filter, winX, winY, winW, winH);
    }

    /** As {@link #resizeWindow(byte[], int, int, int, int, Resample, int, int, int, int)}, without SIMD. */
    static byte[] resizeWindowScalar(
            byte[] src, int inW, int inH, int outW, int outH, Resample filter, int winX, int winY, int winW, int winH) {
        return resizeWindow(src, 3, inW, inH, outW, outH, filter, winX, winY, winW, winH);
    }

    private static boolean simd() {
        if ("scalar".equals(System.getProperty(PROPERTY))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return SimdResampler.useful();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** Resizes a whole single-channel 8-bit image ({@code inW x inH}) to {@code outW x outH}. */
    static byte[] resizeGray(byte[] src, int inW, int inH, int outW, int outH, Resample filter) {
        return resizeWindow(src, 1, inW, inH, outW, outH, filter, 0, 0, outW, outH);
    }

    private static byte[] resizeWindow(
            byte[] src,
            int channels,
            int inW,
            int inH,
            int outW,
            int outH,
            Resample filter,
            int winX,
            int winY,
            int winW,
            int winH) {
        if (filter == Resample.NEAREST) {
            return nearestWindow(src, channels, inW, inH, outW, outH, winX, winY, winW, winH);
        }
        ResampleKernel horizontal = ResampleKernel.of(filter, inW, outW);
        ResampleKernel vertical = ResampleKernel.of(filter, inH, outH);
        int firstRow = vertical.first(winY);
        int lastRow = vertical.first(winY + winH - 1) + vertical.count(winY + winH - 1);
        int[][] rows = horizontalPass(src, channels, inW, horizontal, firstRow, lastRow, winX, winW);
        return verticalPass(rows, channels, vertical, firstRow, winY, winW, winH);
    }

    /**
     * Resamples source rows [firstRow, lastRow) to output columns [winX, winX + winW), one int
     * array (of 8-bit values) per row: the layout in which the vertical pass vectorizes.
     *
     * <p>Pillow's per-pixel loop over taps cannot use SIMD; so the source columns the window needs
     * are transposed into arrays, and each output column is then accumulated a whole source column
     * at a time (the same sums in the same order), for all rows at once.
     */
    private static int[][] horizontalPass(
            byte[] src, int channels, int inW, ResampleKernel kernel, int firstRow, int lastRow, int winX, int winW) {
        int firstColumn = kernel.first(winX);
        int lastColumn = kernel.first(winX + winW - 1) + kernel.count(winX + winW - 1);
        int[][] columns = columns(src, channels, inW, firstRow, lastRow, firstColumn, lastColumn);
        int[][] rows = new int[lastRow - firstRow][winW * channels];
        int[] sums = new int[(lastRow - firstRow) * channels];
        int[] weights = kernel.weights();
        int stride = kernel.stride();
        for (int x = winX; x < winX + winW; x++) {
            Arrays.fill(sums, HALF);
            int left = kernel.first(x) - firstColumn;
            for (int k = 0, n = kernel.count(x); k < n; k++) {
                accumulate(columns[left + k], weights[x * stride + k], sums);
            }
            clip8(sums, channels, rows, (x - winX) * channels);
        }
        return rows;
    }

    /** Source columns [firstColumn, lastColumn) of rows [firstRow, lastRow), each as ints, channels interleaved. */
    private static int[][] columns(
            byte[] src, int channels, int inW, int firstRow, int lastRow, int firstColumn, int lastColumn) {
        int[][] columns = new int[lastColumn - firstColumn][(lastRow - firstRow) * channels];
        int rowBytes = inW * channels;
        for (int j = 0; j < columns.length; j++) {
            int[] column = columns[j];
            int s = (firstRow * inW + firstColumn + j) * channels;
            for (int o = 0; o < column.length; o += channels, s += rowBytes) {
                for (int c = 0; c < channels; c++) {
                    column[o + c] = src[s + c] & 0xFF;
                }
            }
        }
        return columns;
    }

    /** Rounds the sums of one output column (all channels per row) into that column of the rows. */
    private static void clip8(int[] sums, int channels, int[][] rows, int at) {
        for (int r = 0, i = 0; r < rows.length; r++, i += channels) {
            int[] row = rows[r];
            for (int c = 0; c < channels; c++) {
                row[at + c] = ResampleKernel.clip8(sums[i + c]);
            }
        }
    }

    /**
     * Resamples the horizontally resized rows (starting at source row firstRow) to output rows.
     * Each output row is accumulated a whole input row at a time: the same sums in the same order
     * as Pillow's per-pixel loop, in a form the JIT turns into SIMD code (it does for int arrays
     * indexed alike; not for bytes widened on the fly, nor at an offset into a flat array).
     */
    private static byte[] verticalPass(
            int[][] rows, int channels, ResampleKernel kernel, int firstRow, int winY, int winW, int winH) {
        int rowBytes = winW * channels;
        byte[] out = new byte[rowBytes * winH];
        int[] sums = new int[rowBytes];
        int[] weights = kernel.weights();
        int stride = kernel.stride();
        for (int y = winY; y < winY + winH; y++) {
            Arrays.fill(sums, HALF);
            int top = kernel.first(y) - firstRow;
            for (int k = 0, n = kernel.count(y); k < n; k++) {
                accumulate(rows[top + k], weights[y * stride + k], sums);
            }
            clip8(sums, out, (y - winY) * rowBytes);
        }
        return out;
    }

    private static void accumulate(int[] row, int weight, int[] sums) {
        for (int i = 0; i < sums.length; i++) {
            sums[i] += row[i] * weight;
        }
    }

    /** {@link ResampleKernel#clip8} over a row, written as min/max so that it vectorizes. */
    private static void clip8(int[] sums, byte[] out, int from) {
        for (int i = 0; i < sums.length; i++) {
            out[from + i] = (byte) Math.min(255, Math.max(0, sums[i] >> ResampleKernel.PRECISION_BITS));
        }
    }

    /** Pillow's NEAREST resize: affine scaling, source coordinates accumulated in double. */
    private static byte[] nearestWindow(
            byte[] src, int channels, int inW, int inH, int outW, int outH, int winX, int winY, int winW, int winH) {
        int[] columns = nearestSources(inW, outW);
        int[] sourceRows = nearestSources(inH, outH);
        byte[] out = new byte[winW * winH * channels];
        int o = 0;
        for (int y = winY; y < winY + winH; y++) {
            int rowStart = sourceRows[y] * inW;
            for (int x = winX; x < winX + winW; x++) {
                System.arraycopy(src, (rowStart + columns[x]) * channels, out, o, channels);
                o += channels;
            }
        }
        return out;
    }

    private static int[] nearestSources(int inSize, int outSize) {
        double step = (double) inSize / outSize;
        double position = step * 0.5;
        int[] sources = new int[outSize];
        for (int i = 0; i < outSize; i++) {
            sources[i] = Math.min((int) position, inSize - 1);
            position += step;
        }
        return sources;
    }
}
