package dev.lookalike.bench;

import dev.lookalike.Lookalike;
import dev.lookalike.embed.Device;
import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.embed.Pooling;
import dev.lookalike.indexing.IndexingOptions;
import dev.lookalike.model.ModelCatalog;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.search.IndexSearcher;
import dev.lookalike.search.ModelSelection;
import dev.lookalike.server.LookalikeServer;
import dev.lookalike.server.Metrics;
import dev.lookalike.server.ServerConfig;
import dev.lookalike.serving.SearchService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Latency of {@code POST /api/search} (an upload, both models, k = 5) at 1 and 8 concurrent clients, next to the
 * same work done by the library in-process (decode, embed with each model, search) by the same clients, each
 * alternating the two: the server's overhead, measured under one load however noisy the machine. Then the same
 * for text queries ({@code {"text": "a photo of a ...", "k": 5}}, CLIP's text side, next to
 * {@code Lookalike.searchText}).
 * Usage:
 * <pre>java -cp benchmarks/target/lookalike-benchmarks.jar dev.lookalike.bench.ServerBenchmark
 *     MODELS_DIR IMAGES_DIR [INDEXED] [QUERIES] [CLIENTS]</pre>
 * MODELS_DIR holds {@code clip-vit-base-patch32/} and {@code dinov2-base/} in hub layout; the first INDEXED
 * images (default 100) are indexed into a temporary index, the next QUERIES (default 24) are the queries; at each
 * concurrency level in CLIENTS (default 1,8) every query is searched once each way.
 */
public final class ServerBenchmark {

    private static final int K = 5;
    private static final int WARM_UP = 3;
    private static final String BOUNDARY = "lookalike-bench";

    private ServerBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path modelsDir = Path.of(args[0]);
        Path imagesDir = Path.of(args[1]);
        int indexed = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int queryCount = args.length > 3 ? Integer.parseInt(args[3]) : 24;
        int[] clientCounts = args.length > 4
                ? Stream.of(args[4].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 8};
        List<Path> images;
        try (Stream<Path> files = Files.list(imagesDir)) {
            images = files.filter(p -> p.toString().endsWith(".jpg"))
                    .sorted()
                    .limit(indexed + queryCount)
                    .toList();
        }
        List<Path> queries = images.subList(indexed, images.size());
        List<ModelSpec> specs = List.of(
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
        Path work = Files.createTempDirectory("lookalike-server-bench");
        Path folder = Files.createDirectory(work.resolve("photos"));
        for (Path image : images.subList(0, indexed)) {
            Files.copy(image, folder.resolve(image.getFileName()));
        }
        Path index = work.resolve("index");
        System.out.printf(
                Locale.ROOT,
                "%d indexed images, %d queries from %s, %d cores, Java %s%n",
                indexed,
                queries.size(),
                imagesDir,
                Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        try (Lookalike lookalike = Lookalike.builder()
                .catalog(ModelCatalog.builtins().with(specs.get(0)).with(specs.get(1)))
                .embedder(new EmbedderOptions(0, Device.CPU))
                .build()) {
            lookalike.index(folder, index, specs, IndexingOptions.defaults());
            try (IndexSearcher searcher = IndexSearcher.open(index);
                    LookalikeServer server = serve(index, lookalike, specs.get(0))) {
                HttpClient http = HttpClient.newHttpClient();
                List<byte[]> bodies = new ArrayList<>();
                for (Path query : queries) {
                    bodies.add(multipart(BOUNDARY, query));
                }
                Runner byImage = new Runner(
                        queries.size(),
                        q -> lookalike.search(searcher, queries.get(q), ModelSelection.of("clip", "dinov2"), K),
                        q -> post(
                                http,
                                server.uri().resolve("api/search?k=" + K),
                                "multipart/form-data; boundary=" + BOUNDARY,
                                bodies.get(q)));
                List<String> texts = TextEmbedBenchmark.LABELS.stream()
                        .limit(queries.size())
                        .map(label -> "a photo of a " + label)
                        .toList();
                Runner sentences = new Runner(
                        texts.size(),
                        q -> lookalike.searchText(searcher, texts.get(q), specs.subList(0, 1), K),
                        q -> post(
                                http,
                                server.uri().resolve("api/search"),
                                "application/json",
                                ("{\"text\": \"" + texts.get(q) + "\", \"k\": " + K + "}")
                                        .getBytes(StandardCharsets.UTF_8)));
                measure("image", byImage, clientCounts);
                measure("text", sentences, clientCounts);
            }
        }
    }

    private static void measure(String kind, Runner runner, int[] clientCounts) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            runner.time(runner.direct(), i);
            runner.time(runner.overHttp(), i);
        }
        for (int clients : clientCounts) {
            List<List<Double>> times = runner.interleaved(clients);
            report(kind + ": library", clients, times.get(0), times.get(0));
            report(kind + ": POST /api/search", clients, times.get(1), times.get(0));
        }
    }

    /** One query's work, by query number. */
    @FunctionalInterface
    private interface Call {
        void run(int q) throws Exception;
    }

    /** A server over {@code index} with both models and CLIP's text side, as {@code serve} starts it. */
    private static LookalikeServer serve(Path index, Lookalike lookalike, ModelSpec clip) throws IOException {
        ModelSelection served = ModelSelection.of("clip", "dinov2");
        Metrics metrics = new Metrics();
        SearchService service = SearchService.open(
                IndexSearcher.open(index),
                lookalike.models(served),
                List.of(lookalike.textModel(clip)),
                served,
                lookalike.decoder(),
                metrics);
        return LookalikeServer.start(ServerConfig.local(0), service, metrics);
    }

    /**
     * Runs the queries both ways: {@code direct} in-process (decode or tokenise, embed, search), {@code overHttp}
     * from the request to the parsed answer. Each client alternates a library call and an HTTP request (starting
     * with either), so both see the same machine load however noisy it is.
     */
    private record Runner(int count, Call direct, Call overHttp) {

        double time(Call call, int q) throws Exception {
            long start = System.nanoTime();
            call.run(q % count);
            return (System.nanoTime() - start) / 1e9;
        }

        /** Library times and HTTP times, {@code clients} at once, every query both ways. */
        List<List<Double>> interleaved(int clients) throws Exception {
            List<Double> library = Collections.synchronizedList(new ArrayList<>());
            List<Double> http = Collections.synchronizedList(new ArrayList<>());
            try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    int client = c;
                    done.add(pool.submit(() -> {
                        for (int q = client; q < count; q += clients) {
                            boolean httpFirst = (q / clients) % 2 == 1;
                            if (httpFirst) {
                                http.add(time(overHttp, q));
                            }
                            library.add(time(direct, q));
                            if (!httpFirst) {
                                http.add(time(overHttp, q));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            return List.of(library, http);
        }
    }

    private static void post(HttpClient http, URI uri, String contentType, byte[] body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the server answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static byte[] multipart(String boundary, Path file) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\""
                        + file.getFileName() + "\"\r\nContent-Type: image/jpeg\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(file));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static void report(String what, int clients, List<Double> times, List<Double> libraryTimes) {
        double[] seconds = times.stream().mapToDouble(Double::doubleValue).toArray();
        double[] direct = libraryTimes.stream().mapToDouble(Double::doubleValue).toArray();
        double p50 = percentile(seconds, 50);
        double p99 = percentile(seconds, 99);
        System.out.printf(
                Locale.ROOT,
                "%-24s clients %d  n %3d  p50 %7.1f ms  p99 %7.1f ms  p50 / library p50 %.2f%n",
                what,
                clients,
                seconds.length,
                p50 * 1000,
                p99 * 1000,
                p50 / percentile(direct, 50));
    }

    /** The nearest-rank percentile. */
    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
