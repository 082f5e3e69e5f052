package dev.lookalike.preprocess;

import dev.lookalike.image.DecodedImage;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns decoded RGB images into model input exactly as transformers' CLIP/Bit image processors do
 * with PIL: resize, center crop (zero padded when the image is smaller), rescale, normalize, CHW.
 *
 * <p>Thread-safe: kernels are shared, and the per-image buffers (the resampler's working arrays,
 * which cover only what the cropped window needs) belong to the call.
 */
public final class Preprocessor {

    private final PreprocessorConfig config;
    private final ImageSize output;
    /** The float value of each 8-bit level per channel: rescale then normalize, in float32. */
    private final float[][] levels = new float[3][256];

    /**
     * @throws IllegalArgumentException when the config does not give every image the same output
     *                                  size (neither a center crop nor an exact resize)
     */
    public Preprocessor(PreprocessorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        if (config.doCenterCrop()) {
            output = config.cropSize();
        } else if (config.doResize() && config.size() instanceof ImageSize exact) {
            output = exact;
        } else {
            throw new IllegalArgumentException("the output size depends on the image: " + config
                    + " has neither do_center_crop nor an exact {height, width} size");
        }
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                levels[c][v] = toFloat(v, c);
            }
        }
    }

    /**
     * The longest side the resize asks for (the shortest edge, or the larger of an exact size):
     * what {@link dev.lookalike.image.DecodeMode#FAST} keeps twice over; {@code Integer.MAX_VALUE}
     * when images are not resized, so must not be scaled.
     */
    public int resizeEdge() {
        if (!config.doResize()) {
            return Integer.MAX_VALUE;
        }
        return switch (config.size()) {
            case ResizeTarget.ShortestEdge shortest -> shortest.edge();
            case ImageSize exact -> Math.max(exact.height(), exact.width());
        };
    }

    /** The shape of one model input: {3, height, width}. */
    public int[] inputShape() {
        return new int[] {3, output.height(), output.width()};
    }

    /** The model input for one image, {@code 3 * height * width} floats in CHW order. */
    public float[] preprocess(DecodedImage image) {
        float[] values = new float[3 * output.height() * output.width()];
        preprocess(image, FloatBuffer.wrap(values));
        return values;
    }

    /**
     * Writes the model input for one image, {@code 3 * height * width} floats in CHW order, at the
     * buffer's position and advances it by that much; a batch fills one buffer image after image.
     *
     * @throws java.nio.BufferOverflowException when fewer floats remain
     */
    public void preprocess(DecodedImage image, FloatBuffer dst) {
        int plane = output.height() * output.width();
        if (dst.remaining() < 3 * plane) {
            throw new java.nio.BufferOverflowException();
        }
        ImageSize resized = config.doResize()
                ? config.size().outputSize(image.height(), image.width())
                : new ImageSize(image.height(), image.width());
        // transformers: top = (h - ch) // 2, and a smaller image is centred in zero padding; both
        // come down to the same floor division.
        int top = Math.floorDiv(resized.height() - output.height(), 2);
        int left = Math.floorDiv(resized.width() - output.width(), 2);
        int winY = Math.max(0, top);
        int winX = Math.max(0, left);
        int winH = Math.min(resized.height(), top + output.height()) - winY;
        int winW = Math.min(resized.width(), left + output.width()) - winX;
        byte[] window = resizedWindow(image, resized, winX, winY, winW, winH);
        writeChw(window, winX - left, winY - top, winW, winH, dst);
    }

    private byte[] resizedWindow(DecodedImage image, ImageSize resized, int winX, int winY, int winW, int winH) {
        if (resized.height() == image.height() && resized.width() == image.width()) {
            return crop(image, winX, winY, winW, winH);
        }
        return PilResampler.resizeWindow(
                image.rgb(),
                image.width(),
                image.height(),
                resized.width(),
                resized.height(),
                config.resample(),
                winX,
                winY,
                winW,
                winH);
    }

    private static byte[] crop(DecodedImage image, int winX, int winY, int winW, int winH) {
        byte[] out = new byte[winW * winH * 3];
        for (int y = 0; y < winH; y++) {
            System.arraycopy(image.rgb(), ((winY + y) * image.width() + winX) * 3, out, y * winW * 3, winW * 3);
        }
        return out;
    }

    /**
     * Writes the window at (offsetX, offsetY) of the output; the rest of the output is padding.
     * Rows are built in an array and copied in bulk: per-float puts cost a bounds check each, and
     * more on the direct buffers ONNX Runtime tensors use.
     */
    private void writeChw(byte[] window, int offsetX, int offsetY, int winW, int winH, FloatBuffer dst) {
        int width = output.width();
        int height = output.height();
        int base = dst.position();
        float[] row = new float[width];
        for (int c = 0; c < 3; c++) {
            float[] level = levels[c];
            int planeStart = base + c * height * width;
            for (int y = 0; y < height; y++) {
                int wy = y - offsetY;
                if (wy >= 0 && wy < winH) {
                    fillRow(row, level, window, wy * winW * 3 + c, offsetX, winW);
                } else {
                    Arrays.fill(row, level[0]);
                }
                dst.put(planeStart + y * width, row);
            }
        }
        dst.position(base + 3 * height * width);
    }

    /** One output row of one channel: window samples from {@code from} on, padding around them. */
    private static void fillRow(float[] row, float[] level, byte[] window, int from, int offsetX, int winW) {
        Arrays.fill(row, 0, offsetX, level[0]);
        for (int x = 0, s = from; x < winW; x++, s += 3) {
            row[offsetX + x] = level[window[s] & 0xFF];
        }
        Arrays.fill(row, offsetX + winW, row.length, level[0]);
    }

    /** transformers' arithmetic: rescale as a double product cast to float, normalize in float. */
    private float toFloat(int level, int channel) {
        float value = config.doRescale() ? (float) (level * config.rescaleFactor()) : level;
        if (config.doNormalize()) {
            float mean = (float) config.imageMean()[channel];
            float std = (float) config.imageStd()[channel];
            value = (value - mean) / std;
        }
        return value;
    }
}
