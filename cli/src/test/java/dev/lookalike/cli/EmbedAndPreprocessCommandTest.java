package dev.lookalike.cli;

import static dev.lookalike.cli.CliFixtures.withModel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.npy.NpyArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code embed} and {@code preprocess} end to end against the PyTorch and PIL references. */
class EmbedAndPreprocessCommandTest {

    /**
     * Fixture images with references, deliberately not in sorted order. The references were made
     * as the reference pipeline does it, without EXIF rotation, hence {@code --no-exif-orientation}.
     */
    private static final List<String> IMAGES = List.of(
            "tiny.png", "000000005586_png.png", "exif6.jpg", "000000001503.jpg", "panorama.png", "one_pixel.png");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"clip", "dinov2"})
    void embedWritesThePyTorchVectorsInArgumentOrder(String model) throws Exception {
        Path out = tmp.resolve("vectors.npy");

        // A batch of 4 splits the six images unevenly; two workers may finish them out of order.
        CliRun run = CliRun.run(embedArgs(model, out, "--no-exif-orientation", "--batch", "4", "--workers", "2"));

        assertEquals(0, run.exitCode(), run::toString);
        NpyArray vectors = NpyArray.read(out);
        int dim = CliFixtures.reference(model, "tiny").length;
        assertArrayEquals(new int[] {IMAGES.size(), dim}, vectors.shape());
        for (int i = 0; i < IMAGES.size(); i++) {
            float[] expected = CliFixtures.reference(model, stem(IMAGES.get(i)));
            double error = CliFixtures.maxRelativeError(expected, row(vectors, i));
            assertTrue(error <= 1e-4, model + " row " + i + " (" + IMAGES.get(i) + "): relative error " + error);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"clip", "dinov2"})
    void normalizeWritesUnitRowsInTheReferenceDirection(String model) throws Exception {
        Path out = tmp.resolve("unit.npy");

        CliRun run = CliRun.run(embedArgs(model, out, "--no-exif-orientation", "--normalize"));

        assertEquals(0, run.exitCode(), run::toString);
        NpyArray vectors = NpyArray.read(out);
        for (int i = 0; i < IMAGES.size(); i++) {
            float[] row = row(vectors, i);
            double norm = Math.sqrt(dot(row, row));
            assertEquals(1.0, norm, 1e-5, "row " + i);
            float[] expected = CliFixtures.reference(model, stem(IMAGES.get(i)));
            assertEquals(1.0, CliFixtures.cosine(expected, row), 1e-6, "row " + i);
        }
    }

    @Test
    void embedAppliesExifOrientationUnlessTold() throws Exception {
        Path rotated = tmp.resolve("rotated.npy");
        Path asStored = tmp.resolve("as-stored.npy");

        CliRun withExif = CliRun.run(
                withModel("clip", "embed", CliFixtures.image("exif6.jpg").toString(), "--out", rotated.toString()));
        CliRun withoutExif = CliRun.run(withModel(
                "clip",
                "embed",
                CliFixtures.image("exif6.jpg").toString(),
                "--out",
                asStored.toString(),
                "--no-exif-orientation"));

        assertEquals(0, withExif.exitCode(), withExif::toString);
        assertEquals(0, withoutExif.exitCode(), withoutExif::toString);
        float[] reference = CliFixtures.reference("clip", "exif6");
        assertTrue(
                CliFixtures.maxRelativeError(reference, NpyArray.read(asStored).data()) <= 1e-4);
        // PIL does not rotate; by default lookalike does, so the model sees another image.
        assertTrue(
                CliFixtures.maxRelativeError(reference, NpyArray.read(rotated).data()) > 1e-2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"clip", "dinov2"})
    void preprocessWritesExactlyThePilModelInputs(String model) throws Exception {
        Path out = tmp.resolve("inputs.npy");
        List<String> all = new ArrayList<>(List.of("preprocess"));
        IMAGES.forEach(name -> all.add(CliFixtures.image(name).toString()));
        all.addAll(List.of("--no-exif-orientation", "--out", out.toString()));

        CliRun run = CliRun.run(withModel(model, all.toArray(String[]::new)));

        assertEquals(0, run.exitCode(), run::toString);
        NpyArray inputs = NpyArray.read(out);
        assertArrayEquals(new int[] {IMAGES.size(), 3, 224, 224}, inputs.shape());
        int size = 3 * 224 * 224;
        for (int i = 0; i < IMAGES.size(); i++) {
            NpyArray golden = CliFixtures.preprocessGolden(model, stem(IMAGES.get(i)));
            // Bit-exact for PNG and for these JPEGs too: decoding matches PIL's exactly here.
            assertArrayEquals(
                    golden.data(),
                    Arrays.copyOfRange(inputs.data(), i * size, (i + 1) * size),
                    model + " " + IMAGES.get(i));
        }
    }

    @Test
    void outputsLeaveNoTemporaryFilesBehind() throws Exception {
        Path out = tmp.resolve("vectors.npy");

        CliRun run = CliRun.run(embedArgs("clip", out));

        assertEquals(0, run.exitCode(), run::toString);
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(out), files.toList());
        }
    }

    private static String[] embedArgs(String model, Path out, String... extra) {
        List<String> all = new ArrayList<>(List.of("embed"));
        IMAGES.forEach(name -> all.add(CliFixtures.image(name).toString()));
        all.addAll(List.of("--out", out.toString()));
        all.addAll(List.of(extra));
        return withModel(model, all.toArray(String[]::new));
    }

    private static String stem(String name) {
        return name.substring(0, name.lastIndexOf('.'));
    }

    private static float[] row(NpyArray matrix, int i) {
        int width = matrix.shape()[1];
        return Arrays.copyOfRange(matrix.data(), i * width, (i + 1) * width);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
