package dev.lookalike.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lookalike.image.DecodeMode;
import dev.lookalike.image.DecodeOptions;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.image.ImageFixtures;
import dev.lookalike.image.LargeJpegDecodeTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The 12 MP fixture's model inputs are transformers-on-PIL's (tools/fixtures/hf_reference.py)
 * bit for bit: exact, and in fast mode on PIL's {@code draft()} at 1/4.
 */
class LargePhotoPreprocessTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"clip, exact", "dinov2, exact", "clip, fast", "dinov2, fast"})
    void matchesTransformersOnPil(String model, String mode) throws IOException {
        Preprocessor preprocessor = PreprocessorGoldenTest.preprocessor(model);
        ImageDecoder decoder = new ImageDecoder(new DecodeOptions(false, 100_000_000L, DecodeMode.fromLabel(mode)))
                .forResizeEdge(preprocessor.resizeEdge());
        assumeTrue(mode.equals("exact") || decoder.usesLibjpegTurbo(), "fast decoding needs libjpeg-turbo");

        float[] input = preprocessor.preprocess(decoder.decode(ImageFixtures.path(LargeJpegDecodeTest.PHOTO)));

        ByteBuffer bytes = ByteBuffer.allocate(input.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(input);
        assertEquals(
                LargeJpegDecodeTest.reference()
                        .path("preprocess")
                        .path(model + "." + mode)
                        .asText(),
                LargeJpegDecodeTest.sha256(bytes.array()),
                model + " " + mode);
    }
}
