package dev.lookalike.preprocess;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PilResampler}'s convolution resize of interleaved RGB with the incubating Vector API:
 * the same fixed-point sums (integer sums do not depend on their order), so the same bytes.
 *
 * <p>The horizontal pass reads each output pixel's taps straight from the interleaved source row,
 * two pixels (six bytes of an eight-lane vector) per step, against weights laid out to match
 * ({@link ResampleKernel#pairWeights}); no transposed copy of the image is made. The vertical pass
 * runs eight samples at a time over the intermediate rows. The intermediate rows live in a buffer
 * per thread that is reused from image to image. Loaded only when {@link PilResampler} finds the
 * {@code jdk.incubator.vector} module and 256-bit vectors.
 */
final class SimdResampler {

    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_64;
    private static final int LANES = 8;
    private static final int HALF = 1 << (ResampleKernel.PRECISION_BITS - 1);
    private static final ThreadLocal<int[][]> INTERMEDIATE = ThreadLocal.withInitial(() -> new int[1][0]);

    private SimdResampler() {}

    /** Whether this JVM runs 256-bit integer vectors natively (not emulated, as on 128-bit NEON). */
    static boolean useful() {
        return IntVector.SPECIES_PREFERRED.vectorBitSize() >= INTS.vectorBitSize();
    }

    /** As {@link PilResampler#resizeWindow(byte[], int, int, int, int, Resample, int, int, int, int)}, for a convolution filter. */
    static byte[] resizeWindow(
            byte[] src, int inW, int inH, int outW, int outH, Resample filter, int winX, int winY, int winW, int winH) {
        ResampleKernel horizontal = ResampleKernel.of(filter, inW, outW);
        ResampleKernel vertical = ResampleKernel.of(filter, inH, outH);
        int firstRow = vertical.first(winY);
        int lastRow = vertical.first(winY + winH - 1) + vertical.count(winY + winH - 1);
        int rowInts = winW * 3;
        int[] rows = intermediate((lastRow - firstRow) * rowInts);
        for (int y = firstRow; y < lastRow; y++) {
            horizontalRow(src, y * inW * 3, horizontal, winX, winW, rows, (y - firstRow) * rowInts);
        }
        byte[] out = new byte[rowInts * winH];
        for (int y = winY; y < winY + winH; y++) {
            verticalRow(rows, rowInts, vertical, y, firstRow, out, (y - winY) * rowInts);
        }
        return out;
    }

    private static int[] intermediate(int size) {
        int[][] holder = INTERMEDIATE.get();
        if (holder[0].length < size) {
            holder[0] = new int[size];
        }
        return holder[0];
    }

    /** Output columns [winX, winX + winW) of one source row, as 8-bit values in ints. */
    private static void horizontalRow(
            byte[] src, int rowStart, ResampleKernel kernel, int winX, int winW, int[] rows, int at) {
        int[] pairs = kernel.pairWeights();
        int pairStride = kernel.pairStride();
        int[] weights = kernel.weights();
        int stride = kernel.stride();
        for (int x = winX, o = at; x < winX + winW; x++, o += 3) {
            int base = rowStart + 3 * kernel.first(x);
            int count = kernel.count(x);
            int steps = (count + 1) / 2;
            int r = HALF;
            int g = HALF;
            int b = HALF;
            if (base + 6 * steps + 2 <= src.length) {
                IntVector sums = IntVector.zero(INTS);
                for (int s = 0, w = x * pairStride; s < steps; s++, w += LANES) {
                    IntVector pixels = (IntVector) ByteVector.fromArray(BYTES, src, base + 6 * s)
                            .convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0);
                    sums = pixels.mul(IntVector.fromArray(INTS, pairs, w)).add(sums);
                }
                r += sums.lane(0) + sums.lane(3);
                g += sums.lane(1) + sums.lane(4);
                b += sums.lane(2) + sums.lane(5);
            } else {
                // The last pixels of the image: an eight-byte load would run past its end.
                for (int k = 0, s = base; k < count; k++, s += 3) {
                    int weight = weights[x * stride + k];
                    r += (src[s] & 0xFF) * weight;
                    g += (src[s + 1] & 0xFF) * weight;
                    b += (src[s + 2] & 0xFF) * weight;
                }
            }
            rows[o] = ResampleKernel.clip8(r);
            rows[o + 1] = ResampleKernel.clip8(g);
            rows[o + 2] = ResampleKernel.clip8(b);
        }
    }

    /** Output row y from the intermediate rows (the first of which is source row firstRow). */
    private static void verticalRow(
            int[] rows, int rowInts, ResampleKernel kernel, int y, int firstRow, byte[] out, int at) {
        int[] weights = kernel.weights();
        int w0 = y * kernel.stride();
        int top = (kernel.first(y) - firstRow) * rowInts;
        int count = kernel.count(y);
        int vectorEnd = rowInts - rowInts % LANES;
        for (int i = 0; i < vectorEnd; i += LANES) {
            IntVector sums = IntVector.broadcast(INTS, HALF);
            for (int k = 0, row = top + i; k < count; k++, row += rowInts) {
                sums = IntVector.fromArray(INTS, rows, row).mul(weights[w0 + k]).add(sums);
            }
            ((ByteVector) sums.lanewise(VectorOperators.ASHR, ResampleKernel.PRECISION_BITS)
                            .max(0)
                            .min(255)
                            .convertShape(VectorOperators.I2B, BYTES, 0))
                    .intoArray(out, at + i);
        }
        for (int i = vectorEnd; i < rowInts; i++) {
            int sum = HALF;
            for (int k = 0, row = top + i; k < count; k++, row += rowInts) {
                sum += rows[row] * weights[w0 + k];
            }
            out[at + i] = (byte) ResampleKernel.clip8(sum);
        }
    }
}
