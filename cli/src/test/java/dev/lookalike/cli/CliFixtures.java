package dev.lookalike.cli;

import dev.lookalike.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tiny fixture models and their PyTorch and PIL references (made by tools/fixtures/), as
 * the CLI tests use them.
 */
final class CliFixtures {

    /** The tiny CLIP vision tower: 16-d {@code image_embeds}. */
    static final Path CLIP = CliRun.FIXTURES.resolve("models/clip-tiny");
    /** The tiny DINOv2: 32-d mean of {@code last_hidden_state}. */
    static final Path DINOV2 = CliRun.FIXTURES.resolve("models/dinov2-tiny");

    private CliFixtures() {}

    /**
     * The command line {@code commandAndArgs} followed by the options that select a tiny model,
     * on one CPU thread so the tests stay light (global options also work after the command).
     */
    static String[] withModel(String model, String... commandAndArgs) {
        List<String> all = new ArrayList<>(List.of(commandAndArgs));
        all.addAll(modelArgs(model));
        return all.toArray(String[]::new);
    }

    /** The options that select a tiny model; they go after the command. */
    static List<String> modelArgs(String model) {
        List<String> args = new ArrayList<>(List.of("--device", "cpu", "--threads", "1"));
        switch (model) {
            case "clip" ->
                args.addAll(List.of("--model-dir", CLIP.toString(), "--onnx-file", "onnx/vision_model.onnx"));
            case "dinov2" -> args.addAll(List.of("--model-dir", DINOV2.toString()));
            default -> throw new IllegalArgumentException("no tiny model " + model);
        }
        return args;
    }

    /** A fixture image file, such as {@code 000000001503.jpg}. */
    static Path image(String name) {
        return CliRun.FIXTURES.resolve("images").resolve(name);
    }

    /** PyTorch's vector for a fixture image (by file stem), from the PIL-made model input. */
    static float[] reference(String model, String stem) throws IOException {
        NpyArray array = NpyArray.read(
                CliRun.FIXTURES.resolve("embeddings").resolve(model).resolve(stem + ".npy"));
        int dim = array.shape()[array.shape().length - 1];
        if (array.data().length != dim) {
            throw new IllegalStateException(
                    stem + ": expected one vector, got shape " + Arrays.toString(array.shape()));
        }
        return array.data();
    }

    /** The PIL/transformers model input for a fixture image, 1 x 3 x 224 x 224. */
    static NpyArray preprocessGolden(String model, String stem) throws IOException {
        return NpyArray.read(
                CliRun.FIXTURES.resolve("preprocess").resolve(model).resolve(stem + ".npy.gz"));
    }

    /** Cosine similarity computed in double. */
    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    /** The largest |actual - expected| over the largest |expected|. */
    static double maxRelativeError(float[] expected, float[] actual) {
        double scale = 0;
        double error = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            error = Math.max(error, Math.abs((double) actual[i] - expected[i]));
        }
        return error / scale;
    }
}
