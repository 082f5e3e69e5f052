package dev.lookalike.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.image.DecodeOptions;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.image.ImageFixtures;
import dev.lookalike.npy.NpyArray;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Decode + preprocess against the PIL/transformers goldens of tools/fixtures/hf_reference.py. */
class PreprocessorGoldenTest {

    private static final ImageDecoder AS_PIL_READS = new ImageDecoder(new DecodeOptions(false, 100_000_000L));
    private static final List<String> MODELS = List.of("clip", "dinov2");

    static Stream<Arguments> goldens() {
        return MODELS.stream()
                .flatMap(model -> ImageFixtures.imageNames().stream()
                        .filter(name -> exists("preprocess/" + model + "/" + ImageFixtures.stem(name) + ".npy.gz"))
                        .map(name -> Arguments.of(model, name)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("goldens")
    void matchesTransformersOnPil(String model, String name) throws IOException {
        Preprocessor preprocessor = preprocessor(model);
        DecodedImage image = AS_PIL_READS.decode(ImageFixtures.path("images/" + name));

        float[] actual = preprocessor.preprocess(image);

        NpyArray expected = ImageFixtures.readNpyGz("preprocess/" + model + "/" + ImageFixtures.stem(name) + ".npy.gz");
        assertArrayEquals(new int[] {1, 3, 224, 224}, expected.shape());
        // RGB JPEGs decode bit-exactly too (DecodeParityTest), so every input must match exactly.
        assertArrayEquals(expected.data(), actual, model + " " + name);
    }

    @Test
    void fillsABatchBufferAtItsPosition() throws IOException {
        Preprocessor preprocessor = preprocessor("dinov2");
        DecodedImage first = AS_PIL_READS.decode(ImageFixtures.path("images/tiny.png"));
        DecodedImage second = AS_PIL_READS.decode(ImageFixtures.path("images/panorama.png"));
        int size = 3 * 224 * 224;
        FloatBuffer batch = java.nio.ByteBuffer.allocateDirect(2 * size * Float.BYTES)
                .order(java.nio.ByteOrder.nativeOrder())
                .asFloatBuffer();

        preprocessor.preprocess(first, batch);
        preprocessor.preprocess(second, batch);

        assertTrue(batch.position() == 2 * size, "position " + batch.position());
        float[] secondValues = new float[size];
        batch.get(size, secondValues);
        assertArrayEquals(preprocessor.preprocess(second), secondValues);
        assertArrayEquals(new int[] {3, 224, 224}, preprocessor.inputShape());
    }

    @Test
    void padsWithZerosWhereTheImageIsSmallerThanTheCrop() throws IOException {
        // transformers centres a 1x1 image in a 3x2 crop at row ceil(2/2) = 1, column ceil(1/2) = 1.
        PreprocessorConfig config = PreprocessorConfig.parse("""
                {"do_resize": false, "crop_size": {"height": 3, "width": 2}, "do_normalize": false,
                 "rescale_factor": 0.5}""");
        DecodedImage pixel = new DecodedImage(1, 1, new byte[] {(byte) 200, 10, 0});

        float[] values = new Preprocessor(config).preprocess(pixel);

        assertArrayEquals(new float[] {0, 0, 0, 100, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0}, values);
    }

    static Preprocessor preprocessor(String model) throws IOException {
        return new Preprocessor(
                PreprocessorConfig.read(ImageFixtures.path("configs/" + model + "/preprocessor_config.json")));
    }

    private static boolean exists(String relative) {
        return PreprocessorGoldenTest.class.getResource("/fixtures/" + relative) != null;
    }
}
