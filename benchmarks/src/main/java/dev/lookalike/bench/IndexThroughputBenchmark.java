package dev.lookalike.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.lookalike.embed.Device;
import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.embed.Pooling;
import dev.lookalike.embed.SessionTuning;
import dev.lookalike.image.DecodeMode;
import dev.lookalike.image.DecodeOptions;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.indexing.IndexingOptions;
import dev.lookalike.indexing.IndexingReport;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelLoader;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.model.OnnxImageModel;
import dev.lookalike.model.OnnxModelSpec;
import dev.lookalike.vector.VectorUtil;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code index --models clip,dinov2} and {@code clip-q8,dinov2-q8} next to ONNX Runtime alone, in one run, on
 * COCO-size and 12 MP photos; then the ONNX Runtime session settings and the core split, each measured.
 *
 * <p>"ORT alone" runs both ONNX files through the raw ONNX Runtime API (its default session options, one
 * intra-op thread per core) on batches preprocessed in advance, the models one after the other as {@code index}
 * calls them; "index" is a whole {@code index} run from the files into a new index (walk, read, hash, decode,
 * preprocess, infer, commit every batch). Both at the same batch size, alternated, each one's best of two rounds.
 * Stage costs per image are measured on one thread: decode (read + decode), preprocess (both models), and
 * inference (ORT alone's wall time per model). The int8 rows also give the cosine of each image's int8 vector
 * to its float32 one. Usage (one command; models from {@code make_model_fixtures.py --full}, 12 MP photos from
 * {@code tools/bench/make_phone_photos.py}):
 * <pre>java -cp benchmarks/target/lookalike-benchmarks.jar dev.lookalike.bench.IndexThroughputBenchmark
 *     MODELS_DIR NAME=IMAGES_DIR[,NAME=IMAGES_DIR...] [COUNT] [BATCH] [SECTIONS]</pre>
 * SECTIONS is a comma list of {@code index} (the main table), {@code tuning} (session settings: the int8 models
 * alone, and index for the spinning choice) and {@code split} (fixed decoding workers against the chosen ones,
 * int8 models); default all three. {@code -Drounds=N} sets the rounds per measurement (default 2),
 * {@code -Ddecode=fast} decodes with {@code --decode fast} (index and the premade batches alike).
 */
public final class IndexThroughputBenchmark {

    /** Rounds of each measurement, each one's best kept ({@code -Drounds=N}, default 2). */
    private static final int ROUNDS = Integer.getInteger("rounds", 2);

    private final Path modelsDir;
    private final int batch;
    /** How index and the premade batches decode ({@code -Ddecode=exact|fast}, default exact). */
    private static final DecodeMode DECODE = DecodeMode.fromLabel(System.getProperty("decode", "exact"));

    private final ImageDecoder decoder = new ImageDecoder(DecodeOptions.DEFAULT.withMode(DECODE));

    private IndexThroughputBenchmark(Path modelsDir, int batch) {
        this.modelsDir = modelsDir;
        this.batch = batch;
    }

    public static void main(String[] args) throws Exception {
        Path modelsDir = Path.of(args[0]);
        Map<String, Path> sets = new LinkedHashMap<>();
        for (String named : args[1].split(",")) {
            String[] parts = named.split("=", 2);
            sets.put(parts[0], Path.of(parts[1]));
        }
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 24;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        List<String> sections = args.length > 4 ? List.of(args[4].split(",")) : List.of("index", "tuning", "split");
        System.out.printf(
                Locale.ROOT,
                "%d cores, Java %s, batch %d, %d images per set, ONNX Runtime %s, load average"
                        + " at start %s, %s decode%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                batch,
                count,
                OrtEnvironment.getEnvironment().getVersion(),
                loadAverage(),
                DECODE.label());
        IndexThroughputBenchmark bench = new IndexThroughputBenchmark(modelsDir, batch);
        for (Map.Entry<String, Path> set : sets.entrySet()) {
            List<Path> images = IndexRuns.jpegs(set.getValue(), count);
            System.out.printf(
                    Locale.ROOT,
                    "%n== %s: %d images from %s (load average %s)%n",
                    set.getKey(),
                    images.size(),
                    set.getValue(),
                    loadAverage());
            if (sections.contains("index")) {
                bench.indexTable(images);
            }
            if (sections.contains("tuning")) {
                bench.tuningTable(images);
            }
            if (sections.contains("split")) {
                bench.splitTable(images);
            }
        }
    }

    // ---- the main table: index against ONNX Runtime alone, fp32 and int8 ----

    private void indexTable(List<Path> images) throws Exception {
        Map<String, float[][]> fp32Vectors = new LinkedHashMap<>();
        System.out.printf(
                Locale.ROOT,
                "%-18s %9s %9s %7s %13s %9s %9s %9s %9s %11s  %s%n",
                "models",
                "ort img/s",
                "idx img/s",
                "idx/ort",
                "cpu ms ort/idx",
                "decode ms",
                "prep ms",
                "infer ms",
                "vs fp32",
                "cos min/avg",
                "split");
        double fp32Ort = 0;
        double fp32Index = 0;
        for (boolean int8 : new boolean[] {false, true}) {
            List<OnnxModelSpec> specs = List.of(clip(int8), dinov2(int8));
            ModelLoader loader = new ModelLoader(null, new EmbedderOptions(0, Device.CPU));
            List<OnnxImageModel> models = new ArrayList<>();
            for (OnnxModelSpec spec : specs) {
                models.add(loader.load(spec));
            }
            try {
                Premade premade = premade(models, images);
                double ort = 0;
                OrtRun perModel = null;
                IndexingReport best = null;
                double ortCpu = Double.MAX_VALUE;
                double indexCpu = Double.MAX_VALUE;
                ortAlone(models, premade.batches.subList(0, 1)); // warm-up
                for (int round = 0; round < ROUNDS; round++) {
                    long cpu = processCpuNanos();
                    OrtRun run = ortAlone(models, premade.batches);
                    if (run.rate > ort) {
                        ort = run.rate;
                        perModel = run;
                    }
                    ortCpu = Math.min(ortCpu, (processCpuNanos() - cpu) / 1e6 / images.size());
                    cpu = processCpuNanos();
                    IndexingReport report = index(models, images, IndexingOptions.defaults());
                    indexCpu = Math.min(indexCpu, (processCpuNanos() - cpu) / 1e6 / images.size());
                    best = best == null || report.imagesPerSecond() > best.imagesPerSecond() ? report : best;
                }
                String cosines = "";
                for (int m = 0; m < models.size(); m++) {
                    float[][] vectors = embedPremade(models.get(m), premade.batches, m);
                    String family = m == 0 ? "clip" : "dinov2";
                    if (!int8) {
                        fp32Vectors.put(family, vectors);
                    } else {
                        cosines += (cosines.isEmpty() ? "" : " ") + cosines(fp32Vectors.get(family), vectors);
                    }
                }
                if (!int8) {
                    fp32Ort = ort;
                    fp32Index = best.imagesPerSecond();
                }
                String speedup = int8
                        ? String.format(Locale.ROOT, "%.2fx/%.2fx", ort / fp32Ort, best.imagesPerSecond() / fp32Index)
                        : "-";
                System.out.printf(
                        Locale.ROOT,
                        "%-18s %9.2f %9.2f %6.1f%% %13s %9.1f %9.1f %9s %9s %11s  %s%n",
                        specs.get(0).name() + "," + specs.get(1).name(),
                        ort,
                        best.imagesPerSecond(),
                        100 * best.imagesPerSecond() / ort,
                        String.format(Locale.ROOT, "%.0f/%.0f", ortCpu, indexCpu),
                        premade.decodeMillis,
                        premade.preprocessMillis,
                        String.format(Locale.ROOT, "%.0f+%.0f", perModel.millisPerImage[0], perModel.millisPerImage[1]),
                        speedup,
                        cosines.isEmpty() ? "-" : cosines,
                        best.split().map(s -> s.describe()).orElse("-"));
            } finally {
                models.forEach(OnnxImageModel::close);
            }
        }
        System.out.println("(cpu ms: process CPU per image, ORT alone and index, steadier than img/s on a shared"
                + " machine; vs fp32: ort and index speed-up of int8 over fp32; cos: per model, min/mean cosine of each"
                + " image's int8 vector to its fp32 one; infer ms: ORT alone per image, clip+dinov2)");
    }

    // ---- ONNX Runtime session settings, each measured ----

    private void tuningTable(List<Path> images) throws Exception {
        Map<String, SessionTuning> variants = new LinkedHashMap<>();
        SessionTuning ours = SessionTuning.defaults();
        variants.put("lookalike default (" + ours + ")", ours);
        variants.put("spinning on", ours.withSpinning(true));
        variants.put("optimization extended", ours.withOptimization(SessionTuning.Optimization.EXTENDED));
        variants.put("optimization basic", ours.withOptimization(SessionTuning.Optimization.BASIC));
        variants.put("optimization none", ours.withOptimization(SessionTuning.Optimization.NONE));
        variants.put("arena off", ours.withCpuArena(false));
        variants.put("inter-op 2 (parallel mode)", ours.withInterOpThreads(2));
        System.out.printf(
                Locale.ROOT,
                "%n-- session settings, int8 models, batch %d: each model alone on premade"
                        + " batches, and a whole index run for the spinning choice (img/s, best of %d)%n",
                batch,
                ROUNDS);
        System.out.printf(Locale.ROOT, "%-70s %9s %9s %11s%n", "settings", "clip-q8", "dinov2-q8", "index both");
        List<OnnxModelSpec> specs = List.of(clip(true), dinov2(true));
        Premade premade = null;
        for (Map.Entry<String, SessionTuning> variant : variants.entrySet()) {
            boolean indexToo = variant.getValue().optimization() == ours.optimization()
                    && variant.getValue().cpuArena() == ours.cpuArena()
                    && variant.getValue().interOpThreads() == ours.interOpThreads();
            double[] alone = new double[specs.size()];
            double indexed = 0;
            for (int round = 0; round < ROUNDS; round++) {
                List<OnnxImageModel> pair = load(specs, new EmbedderOptions(0, Device.CPU, variant.getValue()));
                try {
                    if (premade == null) {
                        premade = premade(pair, images);
                    }
                    for (int m = 0; m < pair.size(); m++) {
                        embedPremade(pair.get(m), premade.batches.subList(0, 1), m); // warm-up
                        long start = System.nanoTime();
                        embedPremade(pair.get(m), premade.batches, m);
                        alone[m] = Math.max(alone[m], images.size() / ((System.nanoTime() - start) / 1e9));
                    }
                    if (indexToo) {
                        indexed = Math.max(
                                indexed,
                                index(pair, images, IndexingOptions.defaults()).imagesPerSecond());
                    }
                } finally {
                    pair.forEach(OnnxImageModel::close);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-70s %9.2f %9.2f %11s%n",
                    variant.getKey(),
                    alone[0],
                    alone[1],
                    indexToo ? String.format(Locale.ROOT, "%.2f", indexed) : "-");
        }
    }

    // ---- the core split: fixed decode workers and ONNX Runtime threads against the chosen one ----

    private void splitTable(List<Path> images) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(
                Locale.ROOT, "%n-- core split, index img/s (best of %d); workers 0 = chosen per batch%n", ROUNDS);
        System.out.printf(Locale.ROOT, "%-18s %8s %8s %10s  %s%n", "models", "workers", "threads", "img/s", "split");
        for (boolean int8 : new boolean[] {true}) {
            List<OnnxModelSpec> specs = List.of(clip(int8), dinov2(int8));
            for (int threads : new int[] {0}) {
                List<OnnxImageModel> models = load(specs, new EmbedderOptions(threads, Device.CPU));
                try {
                    for (int workers : new int[] {0, 1, cores}) {
                        IndexingReport best = null;
                        for (int round = 0; round < ROUNDS; round++) {
                            IndexingReport report =
                                    index(models, images, new IndexingOptions(batch, workers, false, false));
                            best = best == null || report.imagesPerSecond() > best.imagesPerSecond() ? report : best;
                        }
                        System.out.printf(
                                Locale.ROOT,
                                "%-18s %8s %8s %10.2f  %s%n",
                                specs.get(0).name() + "," + specs.get(1).name(),
                                workers == 0 ? "auto" : workers,
                                threads == 0 ? cores : threads,
                                best.imagesPerSecond(),
                                best.split().map(s -> s.describe()).orElse("-"));
                    }
                } finally {
                    models.forEach(OnnxImageModel::close);
                }
            }
        }
    }

    // ---- the measured pieces ----

    /** Batches preprocessed in advance for every model, and the per-image decode and preprocess cost on one thread. */
    private record Premade(List<FloatBuffer[]> batches, double decodeMillis, double preprocessMillis) {}

    private Premade premade(List<? extends ImageModel> models, List<Path> images) throws IOException {
        List<FloatBuffer[]> batches = new ArrayList<>();
        long decodeNanos = 0;
        long preprocessNanos = 0;
        for (int from = 0; from < images.size(); from += batch) {
            int n = Math.min(batch, images.size() - from);
            FloatBuffer[] inputs = new FloatBuffer[models.size()];
            for (int m = 0; m < models.size(); m++) {
                inputs[m] = models.get(m).allocateBatch(n);
            }
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                DecodedImage image = decoder.decode(images.get(from + i));
                long decoded = System.nanoTime();
                for (int m = 0; m < models.size(); m++) {
                    models.get(m).preprocessInto(image, inputs[m], i);
                }
                decodeNanos += decoded - start;
                preprocessNanos += System.nanoTime() - decoded;
            }
            batches.add(inputs);
        }
        return new Premade(batches, decodeNanos / 1e6 / images.size(), preprocessNanos / 1e6 / images.size());
    }

    /** Images per second of both models' {@code session.run} on premade batches, and each model's ms per image. */
    private record OrtRun(double rate, double[] millisPerImage) {}

    private OrtRun ortAlone(List<OnnxImageModel> models, List<FloatBuffer[]> batches) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<OrtSession> sessions = new ArrayList<>();
        try {
            for (OnnxImageModel model : models) {
                sessions.add(env.createSession(
                        model.directory().resolve(model.spec().onnxFile()).toString(),
                        new OrtSession.SessionOptions()));
            }
            long[] nanos = new long[models.size()];
            int images = 0;
            for (FloatBuffer[] inputs : batches) {
                for (int m = 0; m < models.size(); m++) {
                    int[] shape = models.get(m).preprocessor().inputShape();
                    int n = inputs[m].capacity() / (shape[0] * shape[1] * shape[2]);
                    OrtSession session = sessions.get(m);
                    long start = System.nanoTime();
                    try (OnnxTensor tensor = OnnxTensor.createTensor(
                                    env, inputs[m], new long[] {n, shape[0], shape[1], shape[2]});
                            OrtSession.Result result = session.run(
                                    Map.of(session.getInputNames().iterator().next(), tensor),
                                    Set.of(models.get(m).spec().output()))) {
                        nanos[m] += System.nanoTime() - start;
                    }
                    if (m == 0) {
                        images += n;
                    }
                }
            }
            double[] millis = new double[models.size()];
            long total = 0;
            for (int m = 0; m < models.size(); m++) {
                millis[m] = nanos[m] / 1e6 / images;
                total += nanos[m];
            }
            return new OrtRun(images / (total / 1e9), millis);
        } finally {
            for (OrtSession session : sessions) {
                session.close();
            }
        }
    }

    /** The model's vectors for every premade batch, from the batches' {@code column}-th input (its own preprocessing). */
    private static float[][] embedPremade(ImageModel model, List<FloatBuffer[]> batches, int column) {
        int perImage = model.allocateBatch(1).capacity();
        List<float[]> vectors = new ArrayList<>();
        for (FloatBuffer[] inputs : batches) {
            vectors.addAll(List.of(model.embedBatch(inputs[column], inputs[column].capacity() / perImage)));
        }
        return vectors.toArray(float[][]::new);
    }

    private static String cosines(float[][] fp32, float[][] int8) {
        double min = 1;
        double sum = 0;
        for (int i = 0; i < fp32.length; i++) {
            double cosine = VectorUtil.cosine(fp32[i], int8[i]);
            min = Math.min(min, cosine);
            sum += cosine;
        }
        return String.format(Locale.ROOT, "%.4f/%.4f", min, sum / fp32.length);
    }

    private IndexingReport index(List<? extends ImageModel> models, List<Path> images, IndexingOptions options)
            throws Exception {
        return IndexRuns.intoNewIndex(models, images, decoder, options);
    }

    private List<OnnxImageModel> load(List<OnnxModelSpec> specs, EmbedderOptions options) throws IOException {
        ModelLoader loader = new ModelLoader(null, options);
        List<OnnxImageModel> models = new ArrayList<>();
        for (OnnxModelSpec spec : specs) {
            models.add(loader.load(spec));
        }
        return models;
    }

    private OnnxModelSpec clip(boolean int8) {
        return ModelSpec.local(
                int8 ? "clip-q8" : "clip",
                modelsDir.resolve("clip-vit-base-patch32"),
                int8 ? "onnx/vision_model_quantized.onnx" : "onnx/vision_model.onnx",
                "image_embeds",
                Pooling.NONE,
                512);
    }

    private OnnxModelSpec dinov2(boolean int8) {
        return ModelSpec.local(
                int8 ? "dinov2-q8" : "dinov2",
                modelsDir.resolve("dinov2-base"),
                int8 ? "onnx/model_quantized.onnx" : "onnx/model.onnx",
                "last_hidden_state",
                Pooling.MEAN,
                768);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The machine's 1-minute load average (Linux), to tell a quiet run from a crowded one. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
