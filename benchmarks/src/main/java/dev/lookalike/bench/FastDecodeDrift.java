package dev.lookalike.bench;

import dev.lookalike.embed.Device;
import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.embed.Pooling;
import dev.lookalike.image.DecodeMode;
import dev.lookalike.image.DecodeOptions;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.ModelLoader;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.model.OnnxImageModel;
import dev.lookalike.model.OnnxModelSpec;
import dev.lookalike.vector.VectorUtil;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How far {@code --decode fast} moves model inputs and embeddings, per model: the mean absolute
 * difference of the model inputs, the cosine between each JPEG's vector decoded exactly and
 * decoded fast, set against the cosine between different photos (generated models with random
 * weights map all photos close together, so the ratio says more than the cosine), and how often
 * the fast vector's nearest exact vector is its own photo's. Usage:
 * <pre>java -cp benchmarks/target/lookalike-benchmarks.jar dev.lookalike.bench.FastDecodeDrift
 *     MODELS_DIR COUNT IMAGES_DIR...</pre>
 * with MODELS_DIR as for {@link EmbedBenchmark}.
 */
public final class FastDecodeDrift {

    private FastDecodeDrift() {}

    public static void main(String[] args) throws Exception {
        Path modelsDir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        ModelLoader loader = new ModelLoader(null, new EmbedderOptions(0, Device.CPU));
        List<OnnxModelSpec> specs = List.of(
                ModelSpec.local(
                        "clip",
                        modelsDir.resolve("clip-vit-base-patch32"),
                        "onnx/vision_model.onnx",
                        "image_embeds",
                        Pooling.NONE,
                        512),
                ModelSpec.local(
                        "dinov2",
                        modelsDir.resolve("dinov2-base"),
                        "onnx/model.onnx",
                        "last_hidden_state",
                        Pooling.MEAN,
                        768));
        System.out.println("| photos | model | scale | input mean abs diff (of mean abs) | cosine fast to exact: mean"
                + " | min | cosine between different photos | (1 - cos fast) / (1 - cos between) | fast finds its exact"
                + " twin first |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (OnnxModelSpec spec : specs) {
            try (OnnxImageModel model = loader.load(spec)) {
                ImageDecoder exact = new ImageDecoder(new DecodeOptions(true, Long.MAX_VALUE, DecodeMode.EXACT));
                ImageDecoder fast = new ImageDecoder(new DecodeOptions(true, Long.MAX_VALUE, DecodeMode.FAST))
                        .forResizeEdge(model.resizeEdge());
                for (int d = 2; d < args.length; d++) {
                    report(Path.of(args[d]), count, model, exact, fast);
                }
            }
        }
    }

    private static void report(Path dir, int count, OnnxImageModel model, ImageDecoder exact, ImageDecoder fast)
            throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".jpg"))
                    .sorted()
                    .limit(count)
                    .toList();
        }
        int n = files.size();
        float[][] exactVectors = new float[n][];
        float[][] fastVectors = new float[n][];
        double inputDiff = 0;
        double inputSize = 0;
        String scales = "";
        for (int i = 0; i < n; i++) {
            var full = exact.decode(files.get(i));
            var reduced = fast.decode(files.get(i));
            String scale = "1/" + full.width() / reduced.width();
            if (!scales.contains(scale)) {
                scales += (scales.isEmpty() ? "" : ", ") + scale;
            }
            float[] exactInput = model.preprocessor().preprocess(full);
            float[] fastInput = model.preprocessor().preprocess(reduced);
            for (int j = 0; j < exactInput.length; j++) {
                inputDiff += Math.abs(exactInput[j] - fastInput[j]) / exactInput.length / n;
                inputSize += Math.abs(exactInput[j]) / exactInput.length / n;
            }
            exactVectors[i] = model.embed(full);
            fastVectors[i] = model.embed(reduced);
        }
        double[] self = new double[n];
        double between = 0;
        int found = 0;
        for (int i = 0; i < n; i++) {
            self[i] = VectorUtil.cosine(fastVectors[i], exactVectors[i]);
            int best = i;
            for (int j = 0; j < n; j++) {
                double cosine = VectorUtil.cosine(fastVectors[i], exactVectors[j]);
                if (cosine > VectorUtil.cosine(fastVectors[i], exactVectors[best])) {
                    best = j;
                }
                if (j != i) {
                    between += VectorUtil.cosine(exactVectors[i], exactVectors[j]) / ((double) n * (n - 1));
                }
            }
            found += best == i ? 1 : 0;
        }
        double mean = Arrays.stream(self).average().orElse(Double.NaN);
        System.out.printf(
                Locale.ROOT,
                "| %s (%d) | %s | %s | %.3f (%.1f%%) | %.7f | %.7f | %.4f | %.1e | %d/%d |%n",
                dir.getFileName(),
                n,
                model.spec().name(),
                scales,
                inputDiff,
                100 * inputDiff / inputSize,
                mean,
                Arrays.stream(self).min().orElse(Double.NaN),
                between,
                (1 - mean) / (1 - between),
                found,
                n);
    }
}
