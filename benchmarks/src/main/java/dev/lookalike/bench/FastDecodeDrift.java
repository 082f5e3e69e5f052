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
 * How far {@code --decode fast} moves embeddings: for each JPEG, the cosine between the vector of
 * the exactly decoded image and that of the fast-decoded one, per model. Usage:
 * <pre>java -cp benchmarks/target/lookalike-benchmarks.jar dev.lookalike.bench.FastDecodeDrift
 *     MODELS_DIR COUNT IMAGES_DIR...</pre>
 * with MODELS_DIR as for {@link EmbedBenchmark}.
 */
public final class FastDecodeDrift {

    private FastDecodeDrift() {
    }

    public static void main(String[] args) throws Exception {
        Path modelsDir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        ModelLoader loader = new ModelLoader(null, new EmbedderOptions(0, Device.CPU));
        List<OnnxModelSpec> specs = List.of(
                ModelSpec.local("clip", modelsDir.resolve("clip-vit-base-patch32"), "onnx/vision_model.onnx",
                        "image_embeds", Pooling.NONE, 512),
                ModelSpec.local("dinov2", modelsDir.resolve("dinov2-base"), "onnx/model.onnx", "last_hidden_state",
                        Pooling.MEAN, 768));
        System.out.println("| photos | model | scale used | cosine fast to exact: mean | min | max |");
        System.out.println("|---|---|---|---|---|---|");
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
            files = list.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".jpg")).sorted().limit(count)
                    .toList();
        }
        double[] cosines = new double[files.size()];
        String scales = "";
        for (int i = 0; i < files.size(); i++) {
            var full = exact.decode(files.get(i));
            var reduced = fast.decode(files.get(i));
            String scale = "1/" + full.width() / reduced.width();
            if (!scales.contains(scale)) {
                scales += (scales.isEmpty() ? "" : ", ") + scale;
            }
            cosines[i] = VectorUtil.cosine(model.embed(full), model.embed(reduced));
        }
        System.out.printf(Locale.ROOT, "| %s (%d) | %s | %s | %.5f | %.5f | %.5f |%n", dir.getFileName(), files.size(),
                model.spec().name(), scales, Arrays.stream(cosines).average().orElse(Double.NaN),
                Arrays.stream(cosines).min().orElse(Double.NaN), Arrays.stream(cosines).max().orElse(Double.NaN));
    }
}
