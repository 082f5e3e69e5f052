package dev.lookalike.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.embed.Device;
import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.vector.VectorUtil;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code clip-q8} and {@code dinov2-q8} load from the files their built-in specs name and embed
 * within a cosine bound of their float32 twins. The tiny fixtures' int8 files are rewritten as
 * ONNX Runtime's dynamic quantization writes them (tools/fixtures/quantize_dynamic.py).
 */
class QuantizedModelsTest {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");
    private static final List<String> IMAGES = List.of(
            "000000000357.jpg",
            "000000000472.jpg",
            "000000000560.jpg",
            "000000001503.jpg",
            "000000005586.jpg",
            "exif6.jpg",
            "panorama.png",
            "gray.png");
    /**
     * The tiny random-weight fixtures give 0.99995 (clip-q8) and 0.9997 (dinov2-q8) at worst over these
     * images. Real weights have outlier activations and may move more.
     */
    private static final double MIN_COSINE = 0.999;

    @ParameterizedTest
    @CsvSource({"clip, clip-q8, clip-tiny, 16", "dinov2, dinov2-q8, dinov2-tiny, 32"})
    void int8EmbeddingsStayCloseToFloat32ButAreNotTheSame(String fp32Name, String int8Name, String dir, int dim)
            throws IOException {
        OnnxModelSpec fp32 = tiny((OnnxModelSpec) BuiltinModels.get(fp32Name), dir, dim);
        OnnxModelSpec int8 = tiny((OnnxModelSpec) BuiltinModels.get(int8Name), dir, dim);
        ModelLoader loader = new ModelLoader(null, new EmbedderOptions(1, Device.CPU));
        try (OnnxImageModel reference = loader.load(fp32);
                OnnxImageModel quantized = loader.load(int8)) {
            float[][] expected = embed(reference);
            float[][] actual = embed(quantized);
            assertEquals(IMAGES.size(), actual.length);
            double worst = 1;
            double largestChange = 0;
            for (int i = 0; i < actual.length; i++) {
                assertEquals(dim, actual[i].length);
                worst = Math.min(worst, VectorUtil.cosine(expected[i], actual[i]));
                for (int j = 0; j < dim; j++) {
                    largestChange = Math.max(largestChange, Math.abs(expected[i][j] - actual[i][j]));
                }
            }
            assertTrue(worst >= MIN_COSINE, int8Name + ": worst cosine to float32 " + worst);
            assertTrue(largestChange > 1e-4, int8Name + " gives float32's vectors: is the file quantized?");
            assertTrue(!quantized.identity().equals(reference.identity()), "int8 and float32 share an identity");
        }
    }

    /** The built-in spec's file, output and pooling, read from the tiny fixture directory. */
    private static OnnxModelSpec tiny(OnnxModelSpec builtin, String dir, int dim) {
        return ModelSpec.local(
                builtin.name(),
                FIXTURES.resolve("models").resolve(dir),
                builtin.onnxFile(),
                builtin.output(),
                builtin.pooling(),
                dim);
    }

    private static float[][] embed(OnnxImageModel model) throws IOException {
        ImageDecoder decoder = new ImageDecoder();
        FloatBuffer batch = model.allocateBatch(IMAGES.size());
        for (int i = 0; i < IMAGES.size(); i++) {
            DecodedImage image = decoder.decode(FIXTURES.resolve("images").resolve(IMAGES.get(i)));
            model.preprocessInto(image, batch, i);
        }
        return model.embedBatch(batch, IMAGES.size());
    }
}
