package dev.lookalike.preprocess;

/** PIL's resampling filters, by their {@code Image.Resampling} codes as {@code resample} stores them. */
public enum Resample {
    NEAREST(0, 0.0),
    BOX(4, 0.5),
    BILINEAR(2, 1.0),
    BICUBIC(3, 2.0),
    /** Pillow's LANCZOS (formerly ANTIALIAS): a sinc windowed by a sinc three times wider. */
    LANCZOS(1, 3.0);

    private final int pilCode;
    private final double support;

    Resample(int pilCode, double support) {
        this.pilCode = pilCode;
        this.support = support;
    }

    /** The filter with PIL's code; HAMMING (5) is not supported. */
    public static Resample fromPilCode(int code) {
        for (Resample r : values()) {
            if (r.pilCode == code) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                "unsupported resample " + code + " (supported: 0 nearest, 1 lanczos, 2 bilinear, 3 bicubic, 4 box)");
    }

    public int pilCode() {
        return pilCode;
    }

    /** The filter's half width at scale 1, as in Pillow's Resample.c. */
    double support() {
        return support;
    }

    /** The filter's weight at distance x, as in Pillow's Resample.c (bicubic with a = -0.5, lanczos with a = 3). */
    double weight(double x) {
        return switch (this) {
            case BOX -> x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
            case BILINEAR -> Math.max(0.0, 1.0 - Math.abs(x));
            case BICUBIC -> bicubic(Math.abs(x));
            case LANCZOS -> x >= -3.0 && x < 3.0 ? sinc(x) * sinc(x / 3.0) : 0.0;
            case NEAREST -> throw new IllegalStateException("nearest has no convolution kernel");
        };
    }

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        double px = x * Math.PI;
        return Math.sin(px) / px;
    }

    private static double bicubic(double x) {
        final double a = -0.5;
        if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }
}
