package dev.lookalike.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.lookalike.embed.Device;
import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.embed.OnnxTextEncoder;
import dev.lookalike.embed.Pooling;
import dev.lookalike.model.ModelLoader;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.model.OnnxModelSpec;
import dev.lookalike.model.TextModel;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Text-query throughput: lookalike's {@link TextModel#embed} (tokenise, pad, infer) next to ONNX Runtime's
 * {@code session.run} alone on token batches made in advance, in one run, at batch 1 and 64.
 *
 * <p>Both run the same {@code onnx/text_model.onnx} with ONNX Runtime's default intra-op threads and the session
 * settings lookalike uses (all graph optimisations, no spinning threads), taking turns in each round. The queries
 * are COCO's 80 labels in the first TEMPLATES of four templates (default all four: 320 sentences, 7 to 12
 * tokens). Usage:
 * <pre>java -cp benchmarks/target/lookalike-benchmarks.jar dev.lookalike.bench.TextEmbedBenchmark MODELS_DIR [ROUNDS] [TEMPLATES]</pre>
 * where MODELS_DIR holds {@code clip-vit-base-patch32/} with its text side
 * ({@code tools/fixtures/make_model_fixtures.py --full}).
 */
public final class TextEmbedBenchmark {

    static final List<String> LABELS = List.of(
            "person",
            "bicycle",
            "car",
            "motorcycle",
            "airplane",
            "bus",
            "train",
            "truck",
            "boat",
            "traffic light",
            "fire hydrant",
            "stop sign",
            "parking meter",
            "bench",
            "bird",
            "cat",
            "dog",
            "horse",
            "sheep",
            "cow",
            "elephant",
            "bear",
            "zebra",
            "giraffe",
            "backpack",
            "umbrella",
            "handbag",
            "tie",
            "suitcase",
            "frisbee",
            "skis",
            "snowboard",
            "sports ball",
            "kite",
            "baseball bat",
            "baseball glove",
            "skateboard",
            "surfboard",
            "tennis racket",
            "bottle",
            "wine glass",
            "cup",
            "fork",
            "knife",
            "spoon",
            "bowl",
            "banana",
            "apple",
            "sandwich",
            "orange",
            "broccoli",
            "carrot",
            "hot dog",
            "pizza",
            "donut",
            "cake",
            "chair",
            "couch",
            "potted plant",
            "bed",
            "dining table",
            "toilet",
            "tv",
            "laptop",
            "mouse",
            "remote",
            "keyboard",
            "cell phone",
            "microwave",
            "oven",
            "toaster",
            "sink",
            "refrigerator",
            "book",
            "clock",
            "vase",
            "scissors",
            "teddy bear",
            "hair drier",
            "toothbrush");
    static final List<String> TEMPLATES = List.of(
            "a photo of a %s",
            "a picture of the %s on a sunny day",
            "there is a %s in this image",
            "a black and white photo of a %s at night");

    private TextEmbedBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path modelDir = Path.of(args[0]).resolve("clip-vit-base-patch32");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int templates = args.length > 2 ? Integer.parseInt(args[2]) : TEMPLATES.size();
        List<String> queries = new ArrayList<>();
        TEMPLATES
                .subList(0, templates)
                .forEach(t -> LABELS.forEach(label -> queries.add(String.format(Locale.ROOT, t, label))));
        OnnxModelSpec spec =
                ModelSpec.local("clip", modelDir, "onnx/vision_model.onnx", "image_embeds", Pooling.NONE, 512);
        System.out.printf(
                Locale.ROOT,
                "%d queries, %d cores, Java %s, best of %d rounds%n%n",
                queries.size(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                rounds);
        System.out.printf(
                Locale.ROOT, "%5s %12s %16s %7s %16s%n", "batch", "ort q/s", "lookalike q/s", "ratio", "tokenise us/q");
        try (TextModel model = new ModelLoader(null, new EmbedderOptions(0, Device.CPU)).loadText(spec)) {
            List<long[]> ids =
                    queries.stream().map(q -> model.tokenizer().encode(q).ids()).toList();
            double tokenise = bestSeconds(
                    rounds, () -> queries.forEach(q -> model.tokenizer().encode(q)))[0];
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = sessionOptions();
                    OrtSession session = env.createSession(
                            modelDir.resolve(model.tower().onnxFile()).toString(), options)) {
                for (int batch : new int[] {1, 64}) {
                    List<OnnxTensor> premade =
                            premade(env, ids, batch, model.tokenizer().padId());
                    double[] best = bestSeconds(
                            rounds,
                            () -> {
                                for (OnnxTensor tensor : premade) {
                                    try (OrtSession.Result r = session.run(
                                            Map.of(OnnxTextEncoder.INPUT_IDS, tensor),
                                            Set.of(model.tower().output()))) {
                                        r.get(0);
                                    }
                                }
                            },
                            () -> {
                                for (int start = 0; start < queries.size(); start += batch) {
                                    model.embed(queries.subList(start, Math.min(queries.size(), start + batch)));
                                }
                            });
                    double ort = best[0];
                    double ours = best[1];
                    premade.forEach(OnnxTensor::close);
                    System.out.printf(
                            Locale.ROOT,
                            "%5d %12.1f %16.1f %7.2f %16.1f%n",
                            batch,
                            queries.size() / ort,
                            queries.size() / ours,
                            ort / ours,
                            tokenise / queries.size() * 1e6);
                }
            }
        }
    }

    /** The token batches padded as {@link OnnxTextEncoder} pads them: to the longest text of each batch. */
    private static List<OnnxTensor> premade(OrtEnvironment env, List<long[]> ids, int batch, long pad)
            throws Exception {
        List<OnnxTensor> tensors = new ArrayList<>();
        for (int start = 0; start < ids.size(); start += batch) {
            List<long[]> part = ids.subList(start, Math.min(ids.size(), start + batch));
            int length = part.stream().mapToInt(t -> t.length).max().orElseThrow();
            LongBuffer buffer = LongBuffer.allocate(part.size() * length);
            for (long[] text : part) {
                for (int t = 0; t < length; t++) {
                    buffer.put(t < text.length ? text[t] : pad);
                }
            }
            tensors.add(OnnxTensor.createTensor(env, buffer.flip(), new long[] {part.size(), length}));
        }
        return tensors;
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** The anchor's session: the settings lookalike's sessions use (all graph optimisations, no spinning). */
    private static OrtSession.SessionOptions sessionOptions() throws Exception {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    /**
     * Each piece of work's best wall time over {@code rounds} rounds, after one warm-up round; a round runs every
     * piece once, in turn, so that all see the same machine load.
     */
    static double[] bestSeconds(int rounds, Work... works) throws Exception {
        for (Work work : works) {
            work.run();
        }
        double[] best = new double[works.length];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int i = 0; i < rounds; i++) {
            for (int w = 0; w < works.length; w++) {
                long start = System.nanoTime();
                works[w].run();
                best[w] = Math.min(best[w], (System.nanoTime() - start) / 1e9);
            }
        }
        return best;
    }
}
