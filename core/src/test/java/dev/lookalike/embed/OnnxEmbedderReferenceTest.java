package dev.lookalike.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.npy.NpyArray;
import dev.lookalike.vector.VectorUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * ONNX Runtime in Java against PyTorch eager float32: every reference under
 * fixtures/embeddings/{clip,dinov2} whose input exists is reproduced within the parity tolerance.
 */
class OnnxEmbedderReferenceTest {

    static final double MAX_RELATIVE_ERROR = 1e-4;
    static final double MIN_COSINE = 0.9999;

    @TestFactory
    Stream<DynamicTest> clipMatchesPyTorch() throws IOException {
        return references("clip", "", EmbedFixtures::clip);
    }

    @TestFactory
    Stream<DynamicTest> dinov2MeanMatchesPyTorch() throws IOException {
        return references("dinov2", "", () -> EmbedFixtures.dinov2(Pooling.MEAN));
    }

    @TestFactory
    Stream<DynamicTest> dinov2ClsMatchesPyTorch() throws IOException {
        return references("dinov2", ".cls", () -> EmbedFixtures.dinov2(Pooling.CLS));
    }

    @TestFactory
    Stream<DynamicTest> dinov2GemMatchesPyTorch() throws IOException {
        return references("dinov2", ".gem", () -> EmbedFixtures.dinov2(Pooling.GEM));
    }

    @TestFactory
    Stream<DynamicTest> dinov2PatchMeanMatchesPyTorch() throws IOException {
        return references("dinov2", ".patchmean", () -> EmbedFixtures.dinov2(Pooling.PATCHMEAN));
    }

    @TestFactory
    Stream<DynamicTest> dinov2ClsAndPatchMeanMatchPyTorch() throws IOException {
        return references(
                "dinov2",
                ".clsmean",
                () -> new OnnxEmbedder(
                        EmbedFixtures.dinov2Model(),
                        "last_hidden_state",
                        Pooling.CLSMEAN,
                        2 * EmbedFixtures.DINOV2_DIM,
                        EmbedFixtures.CPU));
    }

    @TestFactory
    Stream<DynamicTest> clipPatchMeanMatchesPyTorch() throws IOException {
        return references(
                "clip",
                ".patchmean",
                () -> new OnnxEmbedder(
                        EmbedFixtures.clipModel(),
                        "last_hidden_state",
                        Pooling.PATCHMEAN,
                        EmbedFixtures.CLIP_HIDDEN,
                        EmbedFixtures.CPU));
    }

    private interface EmbedderFactory {
        OnnxEmbedder open();
    }

    private static Stream<DynamicTest> references(String model, String suffix, EmbedderFactory factory)
            throws IOException {
        Path dir = EmbedFixtures.root().resolve("embeddings").resolve(model);
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path expected :
                    files.filter(f -> isReference(f, suffix)).sorted().toList()) {
                String name = expected.getFileName().toString().replace(suffix + ".npy", "");
                inputFor(model, name)
                        .ifPresent(input -> tests.add(DynamicTest.dynamicTest(
                                model + suffix + "/" + name, () -> assertMatches(factory, input, expected))));
            }
        }
        assertFalse(tests.isEmpty(), "no references with inputs under " + dir);
        return tests.stream();
    }

    private static boolean isReference(Path file, String suffix) {
        String name = file.getFileName().toString();
        // name.npy is the default pooling's reference, name.<pooling>.npy another pooling's
        return name.endsWith(suffix + ".npy") && (!suffix.isEmpty() || name.indexOf('.') == name.lastIndexOf('.'));
    }

    private static Optional<Path> inputFor(String model, String name) {
        Path shared = EmbedFixtures.root().resolve("embeddings").resolve(name + ".input.npy");
        Path preprocessed =
                EmbedFixtures.root().resolve("preprocess").resolve(model).resolve(name + ".npy.gz");
        return Stream.of(shared, preprocessed).filter(Files::isRegularFile).findFirst();
    }

    private static void assertMatches(EmbedderFactory factory, Path inputFile, Path expectedFile) throws IOException {
        NpyArray input = NpyArray.read(inputFile);
        NpyArray expected = NpyArray.read(expectedFile);
        float[][] actual;
        try (OnnxEmbedder embedder = factory.open()) {
            actual = EmbedFixtures.embed(embedder, input);
        }
        assertEquals(expected.shape()[0], actual.length, "batch size");
        for (int i = 0; i < actual.length; i++) {
            float[] want = EmbedFixtures.row(expected, i);
            double error = relativeError(actual[i], want);
            double cosine = VectorUtil.cosine(actual[i], want);
            System.out.printf(
                    "parity %s/%s[%d]: max relative error %.3e, cosine %.8f%n",
                    expectedFile.getParent().getFileName(), expectedFile.getFileName(), i, error, cosine);
            assertTrue(error <= MAX_RELATIVE_ERROR, expectedFile + " row " + i + ": relative error " + error);
            assertTrue(cosine >= MIN_COSINE, expectedFile + " row " + i + ": cosine " + cosine);
        }
    }

    /** max|a - b| / max|b|, the parity measure of the project. */
    static double relativeError(float[] actual, float[] expected) {
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < expected.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
        }
        return maxDiff / maxRef;
    }
}
