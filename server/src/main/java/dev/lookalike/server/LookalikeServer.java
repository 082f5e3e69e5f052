package dev.lookalike.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookalike.serving.SearchService;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the JSON API, the web page, {@code /healthz} and {@code /metrics} over a {@link SearchService}.
 *
 * <pre>{@code
 * Metrics metrics = new Metrics();
 * SearchService service = SearchService.open(IndexSearcher.open(index), models, served, decoder, metrics);
 * try (LookalikeServer server = LookalikeServer.start(ServerConfig.local(8080), service, metrics)) {
 *     server.awaitStop();
 * }
 * }</pre>
 *
 * <p>When an API key is configured, every path needs it except the page ({@code /}, {@code /app.js},
 * {@code /app.css}, {@code /duplicates.js}) and {@code /healthz}, matched exactly: {@code /metrics}, the API and its description
 * {@code /api/openapi.json} need the key, and so does any other spelling of a public path (a trailing slash).
 * {@link #close()} stops taking requests, lets those in flight finish (for up to {@link #STOP_TIMEOUT_MS} ms)
 * and closes the service.
 */
public final class LookalikeServer implements AutoCloseable {

    /** How long a stop waits for requests in flight. */
    public static final long STOP_TIMEOUT_MS = 10_000;

    /**
     * How much of a refused request's body is read and thrown away before the answer, so that a client that
     * writes its whole body before reading (Python's http.client and requests do) receives the answer instead
     * of a reset connection; a longer body is cut off and the connection closed after the answer.
     */
    static final long DISCARD_LIMIT_BYTES = 64L << 20;

    private static final Map<String, String> PAGE_FILES = Map.of(
            "/",
            "index.html",
            "/app.js",
            "app.js",
            "/app.css",
            "app.css",
            "/duplicates.js",
            "duplicates.js",
            "/api/openapi.json",
            "openapi.json");

    /** The only paths answered without the API key; everything else is refused without it. */
    private static final Set<String> PUBLIC_PATHS = Set.of("/", "/app.js", "/app.css", "/duplicates.js", "/healthz");

    private static final Logger LOG = LoggerFactory.getLogger(LookalikeServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerConfig config;
    private final SearchService service;
    private final DuplicatesService duplicates;
    private final Metrics metrics;
    private final Javalin app;
    private final Object stopLock = new Object();
    private RouteTable routes;
    private boolean stopped;

    private LookalikeServer(ServerConfig config, SearchService service, Metrics metrics, DuplicatesService duplicates) {
        this.config = config;
        this.service = service;
        this.metrics = metrics;
        this.duplicates = duplicates;
        this.app = Javalin.create(this::configure);
    }

    /**
     * Starts listening. The service's models and index must be loaded already: nothing is loaded lazily.
     *
     * @param metrics what {@code /metrics} shows: the service's {@link SearchService.Timings}, and the requests
     * @throws IOException when the address cannot be bound (port in use, unknown host)
     */
    public static LookalikeServer start(ServerConfig config, SearchService service, Metrics metrics)
            throws IOException {
        return start(config, service, metrics, null);
    }

    /**
     * Starts listening, with the duplicates view over a local index ({@code null}: its routes answer 404).
     *
     * @throws IOException when the address cannot be bound (port in use, unknown host)
     */
    public static LookalikeServer start(
            ServerConfig config, SearchService service, Metrics metrics, DuplicatesService duplicates)
            throws IOException {
        LookalikeServer server = new LookalikeServer(config, service, metrics, duplicates);
        try {
            server.app.start();
        } catch (JavalinBindException e) {
            throw new IOException(
                    "cannot listen on " + config.host() + ":" + config.port() + ": "
                            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
                    e);
        }
        return server;
    }

    private void configure(JavalinConfig cfg) {
        RouteTable routes = new RouteTable(cfg.routes);
        this.routes = routes;
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.jetty.host = config.host();
        cfg.jetty.port = config.port();
        cfg.jetty.modifyServer(server -> server.setStopTimeout(STOP_TIMEOUT_MS));
        cfg.http.maxRequestSize = config.maxUploadBytes();
        cfg.jetty.multipartConfig.maxFileSize(config.maxUploadBytes(), SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxTotalRequestSize(config.maxUploadBytes(), SizeUnit.BYTES);
        cfg.requestLogger.http(
                (ctx, ms) -> metrics.request(ctx.method().name(), route(ctx), ctx.statusCode(), ms / 1000));
        cfg.routes.before(this::guard);
        PAGE_FILES.forEach((route, file) -> {
            byte[] content = resource(file);
            String type = contentType(file);
            routes.get(route, ctx -> ctx.contentType(type).result(content));
        });
        routes.get("/metrics", ctx -> ctx.contentType(metrics.contentType()).result(metrics.scrape()));
        Api api = new Api(service, config.maxUploadBytes());
        api.register(routes);
        new DuplicatesApi(duplicates, service.images(), api).register(routes);
        cfg.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        cfg.routes.exception(Exception.class, this::unexpected);
        cfg.routes.error(404, ctx -> {
            // A route's own 404 has already been answered in JSON; ctx.contentType() would be the request's type.
            String answered = ctx.res().getContentType();
            if (answered == null || !answered.startsWith("application/json")) {
                error(ctx, 404, "no route " + ctx.method() + " " + ctx.path());
            }
        });
    }

    /** Refuses oversized bodies before reading them, and API requests without the key when there is one. */
    private void guard(Context ctx) {
        long length = ctx.contentLength();
        if (length > config.maxUploadBytes()) {
            throw new ApiException(
                    413, "the request body is " + length + " bytes, over the limit of " + config.maxUploadBytes());
        }
        if (config.apiKey() != null && !PUBLIC_PATHS.contains(ctx.path()) && !hasKey(ctx)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(
                    401, "this server needs an API key: send 'Authorization: Bearer KEY' or" + " 'X-API-Key: KEY'");
        }
    }

    private boolean hasKey(Context ctx) {
        String bearer = ctx.header("Authorization");
        String given = ctx.header("X-API-Key");
        if (given == null && bearer != null && bearer.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = bearer.substring(7).trim();
        }
        // Constant time, so the key cannot be guessed byte by byte from response times.
        return given != null
                && MessageDigest.isEqual(
                        given.getBytes(StandardCharsets.UTF_8), config.apiKey().getBytes(StandardCharsets.UTF_8));
    }

    private static String route(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    /** An upload over a limit is the client's 413; anything else is a 500, logged here and not shown. */
    private void unexpected(Exception e, Context ctx) {
        if (isSizeLimit(e)) {
            error(ctx, 413, "the upload is over the limit of " + config.maxUploadBytes() + " bytes");
        } else {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error (see the server log)");
        }
    }

    /**
     * Whether Javalin or Jetty refused the request for its size: Javalin's and Jetty's own 413s, or Jetty's
     * multipart parser, which reports its size limits as a bad message caused by an {@link IllegalStateException}.
     */
    private static boolean isSizeLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpResponseException javalin && javalin.getStatus() == 413
                    || t instanceof HttpException jetty && jetty.getCode() == 413
                    || t instanceof BadMessageException && hasCause(t, IllegalStateException.class)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable cause = t.getCause(); cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static void error(Context ctx, int status, String message) {
        discardBody(ctx);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", status);
        doc.put("error", message);
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads and discards what is left of the request body, up to {@link #DISCARD_LIMIT_BYTES}; past that, or when
     * the body can't be read any more, the connection is closed after the answer.
     */
    private static void discardBody(Context ctx) {
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long discarded = 0;
            for (int n = 0; n >= 0 && discarded <= DISCARD_LIMIT_BYTES; n = in.read(buffer)) {
                discarded += n;
            }
            if (discarded > DISCARD_LIMIT_BYTES) {
                ctx.header("Connection", "close");
            }
        } catch (IOException | RuntimeException e) {
            ctx.header("Connection", "close");
        }
    }

    private static byte[] resource(String file) {
        try (InputStream in = LookalikeServer.class.getResourceAsStream("web/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource web/" + file + " (a broken build)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentType(String file) {
        String extension = file.substring(file.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            default -> "application/json";
        };
    }

    /** The port listened on (the one picked when the configuration said 0). */
    public int port() {
        return app.port();
    }

    /** Every route as {@code METHOD /path}. */
    List<String> routes() {
        return routes.registered();
    }

    /** The server's base address, such as {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** Blocks until {@link #close()} has stopped the server (from another thread or a shutdown hook). */
    public void awaitStop() throws InterruptedException {
        synchronized (stopLock) {
            while (!stopped) {
                stopLock.wait();
            }
        }
    }

    /** Stops taking requests, waits for those in flight, and closes the service. Idempotent. */
    @Override
    public void close() throws IOException {
        synchronized (stopLock) {
            if (stopped) {
                return;
            }
            try {
                app.stop();
                service.close();
            } finally {
                stopped = true;
                stopLock.notifyAll();
            }
        }
    }
}
