package dev.lookalike.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookalike.image.DecodeMode;
import dev.lookalike.image.DecodeOptions;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.preprocess.Preprocessor;
import dev.lookalike.preprocess.PreprocessorConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Decode + preprocess per image, next to PIL doing the same work in the same run.
 *
 * <p>For each folder of JPEGs and each decode mode ({@code exact}, {@code fast}) it times, in CPU
 * time of one thread, lookalike's decode (to RGB) and each model's preprocessing (resize, crop,
 * normalise), and runs {@code tools/bench/pil_decode.py} for PIL's decode, {@code convert("RGB")}
 * and resize + crop ({@code draft()} in fast mode). Each image counts with its fastest of PASSES
 * passes, on both sides; the files are read into memory first. Usage, from the repository root:
 * <pre>java -cp benchmarks/target/lookalike-benchmarks.jar dev.lookalike.bench.DecodeBenchmark
 *     MODELS_DIR COUNT PASSES IMAGES_DIR...</pre>
 * where MODELS_DIR holds {@code clip-vit-base-patch32/} and {@code dinov2-base/} (only their
 * {@code preprocessor_config.json} is read).
 */
public final class DecodeBenchmark {

    private static final List<String> MODELS = List.of("clip-vit-base-patch32", "dinov2-base");
    private static final String PYTHON = "/usr/bin/python3";
    private static final String PIL_SCRIPT = "tools/bench/pil_decode.py";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DecodeBenchmark() {}

    /** Mean milliseconds per image: decode, then each model's preprocessing. */
    private record Times(double pixels, double decodeMs, double[] preprocessMs) {
        double totalMs() {
            double total = decodeMs;
            for (double ms : preprocessMs) {
                total += ms;
            }
            return total;
        }
    }

    public static void main(String[] args) throws Exception {
        Path modelsDir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int passes = Integer.parseInt(args[2]);
        List<Preprocessor> preprocessors = new ArrayList<>();
        List<String> edges = new ArrayList<>();
        for (String model : MODELS) {
            Preprocessor preprocessor = new Preprocessor(
                    PreprocessorConfig.read(modelsDir.resolve(model).resolve("preprocessor_config.json")));
            preprocessors.add(preprocessor);
            edges.add(preprocessor.resizeEdge() + ":" + preprocessor.inputShape()[1]);
        }
        int resizeEdge =
                preprocessors.stream().mapToInt(Preprocessor::resizeEdge).max().orElseThrow();
        ImageDecoder probe = new ImageDecoder();
        System.out.printf(
                Locale.ROOT,
                "JPEG decoder: %s; %d cores, Java %s; CPU ms per image, fastest of %d passes%n",
                probe.jpegDecoder(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                passes);
        System.out.printf(
                Locale.ROOT,
                "%n| photos | mode | step | lookalike ms | PIL ms | PIL / lookalike |%n"
                        + "|---|---|---|---|---|---|%n");
        for (int i = 3; i < args.length; i++) {
            Path dir = Path.of(args[i]);
            List<Path> files = jpegs(dir, count);
            List<byte[]> data = new ArrayList<>();
            for (Path file : files) {
                data.add(Files.readAllBytes(file));
            }
            Map<String, JsonNode> pil = pil(dir, count, passes, edges);
            for (DecodeMode mode : DecodeMode.values()) {
                ImageDecoder decoder =
                        new ImageDecoder(new DecodeOptions(false, Long.MAX_VALUE, mode)).forResizeEdge(resizeEdge);
                Times ours = measure(decoder, preprocessors, files, data, passes);
                report(dir, files.size(), mode, ours, pil.get(mode.label()));
            }
        }
    }

    private static Times measure(
            ImageDecoder decoder, List<Preprocessor> preprocessors, List<Path> files, List<byte[]> data, int passes)
            throws IOException {
        int n = files.size();
        int m = preprocessors.size();
        double[][] best = new double[n][];
        for (int pass = 0; pass < passes; pass++) {
            for (int i = 0; i < n; i++) {
                double[] times = new double[2 + m];
                long start = THREADS.getCurrentThreadCpuTime();
                DecodedImage image = decoder.decode(data.get(i), files.get(i));
                long decoded = THREADS.getCurrentThreadCpuTime();
                times[0] = image.width() * (double) image.height();
                times[1] = (decoded - start) / 1e6;
                for (int k = 0; k < m; k++) {
                    long before = THREADS.getCurrentThreadCpuTime();
                    preprocessors.get(k).preprocess(image);
                    times[2 + k] = (THREADS.getCurrentThreadCpuTime() - before) / 1e6;
                }
                if (best[i] == null || sum(times, 1) < sum(best[i], 1)) {
                    best[i] = times;
                }
            }
        }
        double[] preprocess = new double[m];
        double decode = 0;
        double pixels = 0;
        for (double[] times : best) {
            pixels += times[0] / n;
            decode += times[1] / n;
            for (int k = 0; k < m; k++) {
                preprocess[k] += times[2 + k] / n;
            }
        }
        return new Times(pixels, decode, preprocess);
    }

    private static double sum(double[] values, int from) {
        double total = 0;
        for (int i = from; i < values.length; i++) {
            total += values[i];
        }
        return total;
    }

    private static void report(Path dir, int images, DecodeMode mode, Times ours, JsonNode pil) {
        String photos = dir.getFileName() + " (" + images + ", " + megapixels(ours.pixels()) + " decoded)";
        double pilDecode =
                pil.path("decode_ms").asDouble() + pil.path("convert_ms").asDouble();
        row(photos, mode, "decode + convert to RGB", ours.decodeMs(), pilDecode);
        double pilTotal = pilDecode;
        for (int k = 0; k < MODELS.size(); k++) {
            double pilResize = pil.path("resize_ms").path(k).asDouble();
            pilTotal += pilResize;
            row(
                    photos,
                    mode,
                    MODELS.get(k).replaceAll("-.*", "") + " resize + crop",
                    ours.preprocessMs()[k],
                    pilResize);
        }
        row(photos, mode, "**decode + both models**", ours.totalMs(), pilTotal);
    }

    private static void row(String photos, DecodeMode mode, String step, double oursMs, double pilMs) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %s | %s | %.1f | %.1f | %.2fx |%n",
                photos,
                mode.label(),
                step,
                oursMs,
                pilMs,
                pilMs / oursMs);
    }

    private static String megapixels(double pixels) {
        return String.format(Locale.ROOT, "%.2f MP", pixels / 1e6);
    }

    /** PIL's times per mode, from tools/bench/pil_decode.py. */
    private static Map<String, JsonNode> pil(Path dir, int count, int passes, List<String> edges)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(PYTHON, PIL_SCRIPT, dir.toString(), Integer.toString(count), Integer.toString(passes)));
        command.addAll(edges);
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<String, JsonNode> byMode = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                JsonNode node = json.readTree(line);
                byMode.put(node.path("mode").asText(), node);
            }
        }
        if (process.waitFor() != 0 || byMode.size() != 2) {
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + ")");
        }
        return byMode;
    }

    private static List<Path> jpegs(Path dir, int count) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.jpe?g"))
                    .sorted()
                    .limit(count)
                    .toList();
        }
    }
}
