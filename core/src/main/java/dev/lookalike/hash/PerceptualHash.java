package dev.lookalike.hash;

import dev.lookalike.image.DecodedImage;
import dev.lookalike.preprocess.Luma;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The DCT perceptual hash of Python's ImageHash ({@code imagehash.phash} with its defaults,
 * {@code hash_size=8, highfreq_factor=4}): the 32x32 LANCZOS grayscale thumbnail, its 2-D DCT-II
 * (unnormalised, as {@code scipy.fftpack.dct}), the top-left 8x8 low frequencies, and one bit per
 * coefficient: set when it is above their median. Bits are numbered row-major; bit 0 is the most
 * significant bit of the {@code long}, so {@link #hex} prints what ImageHash's {@code str()} does.
 *
 * <p>See docs/phash.md for the exact definition and its parity with ImageHash.
 */
public final class PerceptualHash {

    /** Low frequencies kept per axis: the hash has {@code HASH_SIZE * HASH_SIZE} bits. */
    public static final int HASH_SIZE = 8;
    /** The thumbnail's side: {@code HASH_SIZE} times ImageHash's {@code highfreq_factor} of 4. */
    public static final int THUMBNAIL_SIZE = 32;
    /** The number of bits. */
    public static final int BITS = HASH_SIZE * HASH_SIZE;

    /** {@code cos(pi * k * (2n + 1) / (2N))} for the kept frequencies k and every sample n. */
    private static final double[][] COSINES = new double[HASH_SIZE][THUMBNAIL_SIZE];

    static {
        for (int k = 0; k < HASH_SIZE; k++) {
            for (int n = 0; n < THUMBNAIL_SIZE; n++) {
                COSINES[k][n] = Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * THUMBNAIL_SIZE));
            }
        }
    }

    private PerceptualHash() {}

    /** The hash of a decoded image. */
    public static long of(DecodedImage image) {
        return ofThumbnail(Luma.thumbnail(image, THUMBNAIL_SIZE));
    }

    /** The hash of a {@code 32 x 32} grayscale thumbnail, row-major, one unsigned byte per pixel. */
    public static long ofThumbnail(byte[] thumbnail) {
        double[] pixels = new double[thumbnail.length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = thumbnail[i] & 0xFF;
        }
        return fromCoefficients(lowFrequencies(pixels));
    }

    /**
     * The {@code 8 x 8} lowest frequencies of the 2-D DCT-II of a {@code 32 x 32} image, row-major:
     * {@code D[k][l] = 4 * sum over m, n of x[m][n] cos(pi k (2m+1) / 64) cos(pi l (2n+1) / 64)}, the
     * value {@code scipy.fftpack.dct(scipy.fftpack.dct(x, axis=0), axis=1)[k, l]} has.
     *
     * @param pixels {@code 32 * 32} values, row-major
     */
    public static double[] lowFrequencies(double[] pixels) {
        if (pixels.length != THUMBNAIL_SIZE * THUMBNAIL_SIZE) {
            throw new IllegalArgumentException(
                    "expected " + THUMBNAIL_SIZE + "x" + THUMBNAIL_SIZE + " pixels, got " + pixels.length);
        }
        // The mean changes only the DC term, which is summed exactly; taking it out first makes every
        // other coefficient of a flat image exactly 0, as scipy's FFT gives, instead of rounding noise
        // whose signs would decide the bits.
        double sum = 0;
        for (double pixel : pixels) {
            sum += pixel;
        }
        double mean = sum / pixels.length;
        // Along axis 0 (down each column) first, keeping only the frequencies the hash uses.
        double[][] columns = new double[HASH_SIZE][THUMBNAIL_SIZE];
        for (int k = 0; k < HASH_SIZE; k++) {
            for (int m = 0; m < THUMBNAIL_SIZE; m++) {
                double weight = 2 * COSINES[k][m];
                for (int n = 0; n < THUMBNAIL_SIZE; n++) {
                    columns[k][n] += weight * (pixels[m * THUMBNAIL_SIZE + n] - mean);
                }
            }
        }
        double[] coefficients = new double[BITS];
        for (int k = 0; k < HASH_SIZE; k++) {
            for (int l = 0; l < HASH_SIZE; l++) {
                double dot = 0;
                for (int n = 0; n < THUMBNAIL_SIZE; n++) {
                    dot += columns[k][n] * COSINES[l][n];
                }
                coefficients[k * HASH_SIZE + l] = 2 * dot;
            }
        }
        coefficients[0] = 4 * sum;
        return coefficients;
    }

    /** The hash of 64 coefficients: bit i is set when coefficient i is above their median (NumPy's, the mean of the middle two). */
    public static long fromCoefficients(double[] coefficients) {
        if (coefficients.length != BITS) {
            throw new IllegalArgumentException("expected " + BITS + " coefficients, got " + coefficients.length);
        }
        double median = median(coefficients);
        long hash = 0;
        for (int i = 0; i < BITS; i++) {
            if (coefficients[i] > median) {
                hash |= bit(i);
            }
        }
        return hash;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int half = sorted.length / 2;
        return (sorted[half - 1] + sorted[half]) / 2;
    }

    /** The hash as a vector of {@code +1} (bit set) and {@code -1}, bit 0 first: cosine = 1 - 2 * Hamming / 64. */
    public static float[] toVector(long hash) {
        float[] vector = new float[BITS];
        toVector(hash, vector, 0);
        return vector;
    }

    /** Writes {@link #toVector(long)} into {@code out} from {@code offset}. */
    public static void toVector(long hash, float[] out, int offset) {
        for (int i = 0; i < BITS; i++) {
            out[offset + i] = (hash & bit(i)) != 0 ? 1f : -1f;
        }
    }

    /**
     * The hash a {@link #toVector} vector holds: bit i is set when component i is positive, so the
     * normalised vector gives the same hash.
     */
    public static long fromVector(float[] vector) {
        if (vector.length != BITS) {
            throw new IllegalArgumentException("expected " + BITS + " components, got " + vector.length);
        }
        long hash = 0;
        for (int i = 0; i < BITS; i++) {
            if (vector[i] > 0) {
                hash |= bit(i);
            }
        }
        return hash;
    }

    /** The number of bits in which two hashes differ, 0 to 64. */
    public static int hamming(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    /** The Hamming distance of two hashes whose {@link #toVector vectors} have this cosine: {@code 32 * (1 - cosine)}, rounded. */
    public static int hammingFromCosine(double cosine) {
        return (int) Math.round((1 - cosine) * BITS / 2);
    }

    /** The hash as 16 lower-case hex digits, bit 0 first, as ImageHash's {@code str(hash)} prints it. */
    public static String hex(long hash) {
        return HexFormat.of().toHexDigits(hash);
    }

    /** The hash that {@link #hex} printed. */
    public static long parseHex(String hex) {
        if (hex.length() != BITS / 4) {
            throw new IllegalArgumentException("a hash is " + BITS / 4 + " hex digits, got '" + hex + "'");
        }
        return HexFormat.fromHexDigitsToLong(hex);
    }

    private static long bit(int i) {
        return 1L << (BITS - 1 - i);
    }
}
