package dev.lookalike.cli;

import dev.lookalike.Lookalike;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.TextModel;
import dev.lookalike.search.ModelSelection;
import dev.lookalike.search.VectorSearcher;
import dev.lookalike.server.DuplicatesService;
import dev.lookalike.server.LookalikeServer;
import dev.lookalike.server.Metrics;
import dev.lookalike.server.ServerConfig;
import dev.lookalike.serving.SearchService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve --index PATH} or {@code serve --solr ZK_OR_URL --collection NAME}: the JSON API and the web page
 * over an index or a SolrCloud collection, until SIGTERM or Ctrl-C. Models and backend are loaded and checked
 * before the port is opened, so a failure is an exit code, never a half-working server.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve an index over HTTP: a web page at / and a JSON API (see /api/openapi.json).",
            "With --solr, search a SolrCloud collection instead; its images must be on this machine, at the "
                    + "path the pushed index was built from."
        })
final class ServeCommand implements Callable<Integer> {

    /** Where the key may come from instead of the command line, which other users of the machine can read. */
    static final String API_KEY_VARIABLE = "LOOKALIKE_API_KEY";

    @Spec
    CommandSpec spec;

    @Mixin
    SearchBackendOptions backend;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for all).")
    String host;

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "8080",
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(
            names = "--api-key",
            paramLabel = "KEY",
            description = "Require this key on every API request (default: $" + API_KEY_VARIABLE + ", else none).")
    String apiKey;

    @Option(
            names = "--max-upload",
            paramLabel = "SIZE",
            defaultValue = "20MB",
            description = "Largest upload accepted, in bytes or with KB, MB or GB (default: ${DEFAULT-VALUE}).")
    String maxUpload;

    @Option(
            names = "--models",
            split = ",",
            paramLabel = "M[,M...]",
            description = "Models, and fusions such as clip+dinov2 (local index only), a search gets when it names"
                    + " none (default: every model in the index or collection); any fusion of them may be asked for.")
    List<String> models;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DecodeMixin decoding;

    @Override
    public Integer call() throws Exception {
        ToolContext context = ToolContext.of(spec);
        String key = apiKey != null
                ? apiKey
                : ((LookalikeCommand) spec.root().userObject()).environment.get(API_KEY_VARIABLE);
        ServerConfig config = new ServerConfig(host, port, key, parseSize(maxUpload));
        CountDownLatch closed = new CountDownLatch(1);
        boolean interrupted = false;
        try (Lookalike lookalike = context.lookalike(decoding.options(), modelOptions)) {
            Metrics metrics = new Metrics();
            SearchService service = open(lookalike, metrics);
            DuplicatesService duplicates =
                    backend.index == null ? null : new DuplicatesService(backend.index, context.threads());
            LookalikeServer server = start(config, service, metrics, duplicates);
            Thread hook = new Thread(() -> stopOnSignal(server, closed), "lookalike-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            context.out()
                    .printf(
                            Locale.ROOT,
                            "serving %s at %s with %s (Ctrl-C to stop)%n",
                            served(),
                            server.uri(),
                            String.join(", ", service.modelNames()));
            context.out().flush();
            try {
                server.awaitStop();
            } catch (InterruptedException e) {
                // Interrupting the serving thread stops the server, as a signal does; the flag is restored once
                // the server has stopped, so the stop itself is not cut short.
                interrupted = true;
            } finally {
                server.close();
                removeHook(hook);
            }
        } finally {
            closed.countDown();
        }
        context.note("stopped");
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return ExitCode.OK;
    }

    /** Connects the backend, loads the models and checks that the backend holds their vectors. */
    private SearchService open(Lookalike lookalike, Metrics metrics) throws IOException {
        VectorSearcher searcher = backend.open(spec);
        try {
            List<String> names = modelOptions.names(models);
            if (names == null) {
                names = new ArrayList<>(searcher.models().keySet());
            }
            ModelSelection served = ModelSelection.of(names);
            List<ImageModel> loaded = lookalike.models(served);
            return SearchService.open(
                    searcher, loaded, textModels(lookalike, loaded), served, lookalike.decoder(), metrics);
        } catch (IOException | RuntimeException e) {
            try {
                searcher.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The text sides of the served models that have one: the page's text box searches with them. */
    private static List<TextModel> textModels(Lookalike lookalike, List<ImageModel> served) throws IOException {
        List<TextModel> text = new ArrayList<>();
        for (ImageModel model : served) {
            if (lookalike.hasTextSide(model.spec())) {
                text.add(lookalike.textModel(model.spec()));
            }
        }
        return text;
    }

    private String served() {
        return backend.index != null ? backend.index.toString() : "Solr collection '" + backend.collection + "'";
    }

    private static LookalikeServer start(
            ServerConfig config, SearchService service, Metrics metrics, DuplicatesService duplicates)
            throws IOException {
        try {
            return LookalikeServer.start(config, service, metrics, duplicates);
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
    }

    /** On SIGTERM or Ctrl-C: stop taking requests, finish those in flight, and wait for the models to be closed. */
    private static void stopOnSignal(LookalikeServer server, CountDownLatch closed) {
        try {
            server.close();
            closed.await(LookalikeServer.STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            System.err.println("lookalike: stopping the server: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it is what stopped the server.
        }
    }

    /** {@code 20MB}, {@code 512KB}, {@code 1GB} or plain bytes. */
    static long parseSize(String text) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        for (String[] suffix : new String[][] {{"KB", "1024"}, {"MB", "1048576"}, {"GB", "1073741824"}, {"B", "1"}}) {
            if (upper.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                upper = upper.substring(0, upper.length() - suffix[0].length()).trim();
                break;
            }
        }
        try {
            long value = Math.multiplyExact(Long.parseLong(upper), unit);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // answered below, with the value
        }
        throw new UsageException("--max-upload must be a positive size such as 20MB, got '" + text + "'");
    }
}
