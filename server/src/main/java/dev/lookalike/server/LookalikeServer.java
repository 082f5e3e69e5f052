package dev.lookalike.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP server: the JSON API, the web page, {@code /healthz} and {@code /metrics} over a {@link SearchService}.
 *
 * <pre>{@code
 * try (LookalikeServer server = LookalikeServer.start(ServerConfig.local(8080), service)) {
 *     server.awaitStop();
 * }
 * }</pre>
 *
 * <p>Every {@code /api/} route and {@code /metrics} need the API key when one is configured; the page,
 * {@code /healthz} and the page's own files do not. {@link #close()} stops taking requests, lets those in
 * flight finish (for up to {@link #STOP_TIMEOUT_MS} ms) and closes the service.
 */
public final class LookalikeServer implements AutoCloseable {

    /** How long a stop waits for requests in flight. */
    public static final long STOP_TIMEOUT_MS = 10_000;

    private static final Map<String, String> PAGE_FILES = Map.of(
            "/", "index.html", "/app.js", "app.js", "/app.css", "app.css", "/api/openapi.json", "openapi.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerConfig config;
    private final SearchService service;
    private final Metrics metrics;
    private final Javalin app;
    private final Object stopLock = new Object();
    private RouteTable routes;
    private boolean stopped;

    private LookalikeServer(ServerConfig config, SearchService service) {
        this.config = config;
        this.service = service;
        this.metrics = service.metrics();
        this.app = Javalin.create(this::configure);
    }

    /**
     * Starts listening. The service's models and index must be loaded already: nothing is loaded lazily.
     *
     * @throws IOException when the address cannot be bound (port in use, unknown host)
     */
    public static LookalikeServer start(ServerConfig config, SearchService service) throws IOException {
        LookalikeServer server = new LookalikeServer(config, service);
        try {
            server.app.start();
        } catch (JavalinBindException e) {
            throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
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
        cfg.requestLogger.http((ctx, ms) -> metrics.request(ctx.method().name(), route(ctx), ctx.statusCode(), ms / 1000));
        cfg.routes.before(this::guard);
        PAGE_FILES.forEach((route, file) -> {
            byte[] content = resource(file);
            String type = contentType(file);
            routes.get(route, ctx -> ctx.contentType(type).result(content));
        });
        routes.get("/metrics", ctx -> ctx.contentType(metrics.contentType()).result(metrics.scrape()));
        new Api(service).register(routes);
        cfg.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        cfg.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        cfg.routes.exception(Exception.class, (e, ctx) -> error(ctx, statusOf(e), messageOf(e)));
        cfg.routes.error(404, ctx -> {
            if (!"application/json".equals(ctx.contentType())) {
                error(ctx, 404, "no route " + ctx.method() + " " + ctx.path());
            }
        });
    }

    /** Refuses oversized bodies before reading them, and API requests without the key when there is one. */
    private void guard(Context ctx) {
        long length = ctx.contentLength();
        if (length > config.maxUploadBytes()) {
            throw new ApiException(413, "the request body is " + length + " bytes, over the limit of "
                    + config.maxUploadBytes());
        }
        boolean protectedRoute = ctx.path().startsWith("/api/") || ctx.path().equals("/metrics");
        if (config.apiKey() != null && protectedRoute && !hasKey(ctx)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "this server needs an API key: send 'Authorization: Bearer KEY' or"
                    + " 'X-API-Key: KEY'");
        }
    }

    private boolean hasKey(Context ctx) {
        String bearer = ctx.header("Authorization");
        String given = ctx.header("X-API-Key");
        if (given == null && bearer != null && bearer.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = bearer.substring(7).trim();
        }
        // Constant time, so the key cannot be guessed byte by byte from response times.
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                config.apiKey().getBytes(StandardCharsets.UTF_8));
    }

    private static String route(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    /** Upload limits that the multipart parser enforces surface as exceptions mentioning the size. */
    private static int statusOf(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("exceed") || message.contains("too large")) {
                return 413;
            }
        }
        return 500;
    }

    private String messageOf(Exception e) {
        return statusOf(e) == 413 ? "the upload is over the limit of " + config.maxUploadBytes() + " bytes"
                : "internal error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static void error(Context ctx, int status, String message) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", status);
        doc.put("error", message);
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
