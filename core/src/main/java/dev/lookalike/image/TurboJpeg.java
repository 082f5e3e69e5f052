package dev.lookalike.image;

/**
 * libjpeg-turbo's TurboJPEG decoder (the SIMD decoder PIL itself uses), as far as decoding needs
 * it. {@link TurboJpegLoader} finds an implementation; there is none when the library or Java 22's
 * foreign function API is missing, and {@link ImageDecoder} then decodes JPEGs with ImageIO.
 *
 * <p>Implementations are thread-safe: every call uses its own decompressor.
 */
interface TurboJpeg {

    /** TurboJPEG's {@code TJCS_CMYK} and {@code TJCS_YCCK}: colour spaces PIL converts its own way. */
    int COLORSPACE_CMYK = 3;

    int COLORSPACE_YCCK = 4;

    /**
     * A JPEG stream's header.
     *
     * @param colorspace TurboJPEG's {@code TJCS_*} code
     */
    record Header(int width, int height, int colorspace) {

        /** Whether libjpeg's own RGB output is PIL's {@code convert("RGB")} (YCbCr, RGB and gray are). */
        boolean plainRgb() {
            return colorspace != COLORSPACE_CMYK && colorspace != COLORSPACE_YCCK;
        }
    }

    /** How decoding ended when it did not throw. */
    enum Outcome {
        COMPLETE,
        TRUNCATED
    }

    /**
     * Reads the header.
     *
     * @throws IllegalArgumentException with libjpeg's message when it is not a readable JPEG header
     */
    Header header(byte[] jpeg);

    /**
     * Decodes to interleaved 8-bit RGB with libjpeg's defaults (accurate integer IDCT, fancy
     * upsampling), scaled in the DCT domain to {@code width x height}: the header's size, or
     * {@code ceil(size / s)} for s = 2, 4 or 8 (as libjpeg's {@code scale_denom} gives it).
     *
     * @param rgb receives {@code width * height * 3} bytes
     * @throws IllegalArgumentException with libjpeg's message when the data is corrupt
     */
    Outcome decode(byte[] jpeg, int width, int height, byte[] rgb);

    /** A one-line description: the library, for {@code --debug} output. */
    String description();
}
