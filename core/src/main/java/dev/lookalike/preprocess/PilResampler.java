package dev.lookalike.preprocess;

/**
 * Resizes interleaved 8-bit RGB exactly as Pillow's {@code Image.resize} does (no box, no
 * reducing gap): a horizontal then a vertical convolution pass in fixed point, rounded and clamped
 * to 8 bits in between; NEAREST as Pillow's affine scaling.
 *
 * <p>Only a window of the output is computed (the part a center crop keeps); every output pixel
 * has the value the full resize would give it.
 */
final class PilResampler {

    private PilResampler() {
    }

    /**
     * Resizes {@code src} ({@code inW x inH}) to {@code outW x outH} and returns the window of
     * {@code winW x winH} pixels at ({@code winX}, {@code winY}) of the result, interleaved RGB.
     */
    static byte[] resizeWindow(byte[] src, int inW, int inH, int outW, int outH, Resample filter,
                               int winX, int winY, int winW, int winH) {
        if (filter == Resample.NEAREST) {
            return nearestWindow(src, inW, inH, outW, outH, winX, winY, winW, winH);
        }
        ResampleKernel horizontal = ResampleKernel.of(filter, inW, outW);
        ResampleKernel vertical = ResampleKernel.of(filter, inH, outH);
        int firstRow = vertical.first(winY);
        int lastRow = vertical.first(winY + winH - 1) + vertical.count(winY + winH - 1);
        byte[] rows = horizontalPass(src, inW, horizontal, firstRow, lastRow, winX, winW);
        return verticalPass(rows, vertical, firstRow, winY, winW, winH);
    }

    /** Resamples source rows [firstRow, lastRow) to output columns [winX, winX + winW). */
    private static byte[] horizontalPass(byte[] src, int inW, ResampleKernel kernel,
                                         int firstRow, int lastRow, int winX, int winW) {
        byte[] out = new byte[(lastRow - firstRow) * winW * 3];
        int[] weights = kernel.weights();
        int stride = kernel.stride();
        int half = 1 << (ResampleKernel.PRECISION_BITS - 1);
        int o = 0;
        for (int y = firstRow; y < lastRow; y++) {
            int rowStart = y * inW;
            for (int x = winX; x < winX + winW; x++) {
                int r = half;
                int g = half;
                int b = half;
                int s = (rowStart + kernel.first(x)) * 3;
                int w0 = x * stride;
                for (int k = 0, n = kernel.count(x); k < n; k++, s += 3) {
                    int w = weights[w0 + k];
                    r += (src[s] & 0xFF) * w;
                    g += (src[s + 1] & 0xFF) * w;
                    b += (src[s + 2] & 0xFF) * w;
                }
                out[o++] = (byte) ResampleKernel.clip8(r);
                out[o++] = (byte) ResampleKernel.clip8(g);
                out[o++] = (byte) ResampleKernel.clip8(b);
            }
        }
        return out;
    }

    /** Resamples the horizontally resized rows (starting at source row firstRow) to output rows. */
    private static byte[] verticalPass(byte[] rows, ResampleKernel kernel, int firstRow,
                                       int winY, int winW, int winH) {
        byte[] out = new byte[winW * winH * 3];
        int[] weights = kernel.weights();
        int stride = kernel.stride();
        int half = 1 << (ResampleKernel.PRECISION_BITS - 1);
        int rowBytes = winW * 3;
        int o = 0;
        for (int y = winY; y < winY + winH; y++) {
            int top = (kernel.first(y) - firstRow) * rowBytes;
            int n = kernel.count(y);
            int w0 = y * stride;
            for (int i = 0; i < rowBytes; i++) {
                int sum = half;
                for (int k = 0, s = top + i; k < n; k++, s += rowBytes) {
                    sum += (rows[s] & 0xFF) * weights[w0 + k];
                }
                out[o++] = (byte) ResampleKernel.clip8(sum);
            }
        }
        return out;
    }

    /** Pillow's NEAREST resize: affine scaling, source coordinates accumulated in double. */
    private static byte[] nearestWindow(byte[] src, int inW, int inH, int outW, int outH,
                                        int winX, int winY, int winW, int winH) {
        int[] columns = nearestSources(inW, outW);
        int[] sourceRows = nearestSources(inH, outH);
        byte[] out = new byte[winW * winH * 3];
        int o = 0;
        for (int y = winY; y < winY + winH; y++) {
            int rowStart = sourceRows[y] * inW;
            for (int x = winX; x < winX + winW; x++) {
                int s = (rowStart + columns[x]) * 3;
                out[o++] = src[s];
                out[o++] = src[s + 1];
                out[o++] = src[s + 2];
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
