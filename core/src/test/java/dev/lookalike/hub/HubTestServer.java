package dev.lookalike.hub;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the Hugging Face hub on 127.0.0.1 and an ephemeral port, serving
 * {@code /{repo}/resolve/main/{file}} with the hub's headers ({@code X-Linked-Etag},
 * {@code X-Linked-Size}, {@code ETag}), byte ranges and scripted failures. It records every
 * request. Unknown paths answer 404.
 */
public final class HubTestServer implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    /** A request as the server saw it. */
    public record Request(String method, String path, Map<String, String> headers) {

        /** A header's first value, or null; names are case-insensitive. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Served> files = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private HubTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a server; close it when done. */
    public static HubTestServer start() throws IOException {
        return new HubTestServer();
    }

    /** The base URL to use as {@code HF_ENDPOINT}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Serves {@code content} at {@code /{repo}/resolve/main/{file}}, as the hub serves a non-LFS file. */
    public Served serve(String repo, String file, byte[] content) {
        return serveAt("/" + repo + "/resolve/main/" + file, content);
    }

    /** Serves {@code content} at an arbitrary path (a CDN location, say). */
    public Served serveAt(String path, byte[] content) {
        Served served = new Served(path, content);
        files.put(path, served);
        return served;
    }

    /** Every request received so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests received so far for {@code path}. */
    public List<Request> requestsFor(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The sha256 of {@code content} in lower-case hex. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            requests.add(new Request(exchange.getRequestMethod(), path, firstValues(exchange.getRequestHeaders())));
            exchange.getRequestBody().readAllBytes();
            Served served = files.get(path);
            if (served == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                served.answer(exchange);
            }
        }
    }

    private static Map<String, String> firstValues(Headers headers) {
        Map<String, String> values = new ConcurrentHashMap<>();
        headers.forEach((name, list) -> values.put(name.toLowerCase(Locale.ROOT), list.get(0)));
        return values;
    }

    /** One served file and how the server misbehaves with it; setters return {@code this}. */
    public static final class Served {

        private final String path;
        private final byte[] content;
        private volatile String linkedEtag;
        private volatile long linkedSize = -1;
        private volatile String etag;
        private volatile URI redirect;
        private volatile int status = 200;
        private volatile String requiredToken;
        private volatile boolean ignoreRange;
        private volatile long dropAfter = -1;
        private volatile int drops;
        private volatile long holdAfter = -1;
        private final CountDownLatch held = new CountDownLatch(1);

        private Served(String path, byte[] content) {
            this.path = path;
            this.content = content.clone();
        }

        /** The request path. */
        public String path() {
            return path;
        }

        /** Sends the hub's LFS headers: {@code X-Linked-Etag}, {@code ETag} (the sha256) and {@code X-Linked-Size}. */
        public Served lfs() {
            return lfs(sha256(content));
        }

        /** Like {@link #lfs()} but announces {@code sha256}, right or wrong. */
        public Served lfs(String sha256) {
            linkedEtag = "\"" + sha256 + "\"";
            etag = linkedEtag;
            linkedSize = content.length;
            return this;
        }

        /** Announces {@code size} in {@code X-Linked-Size}, right or wrong; call after {@link #lfs()}. */
        public Served linkedSize(long size) {
            linkedSize = size;
            return this;
        }

        /** Sends this {@code ETag} on the content answer (an md5 or git sha1, say). */
        public Served etag(String value) {
            etag = value;
            return this;
        }

        /** Answers 302 to {@code location} instead of the content, keeping the LFS headers, as the hub does. */
        public Served redirectTo(URI location) {
            redirect = location;
            return this;
        }

        /** Answers every request with {@code code} and no content. */
        public Served status(int code) {
            status = code;
            return this;
        }

        /** Answers 401 unless the request carries {@code Authorization: Bearer token}. */
        public Served requireToken(String token) {
            requiredToken = token;
            return this;
        }

        /** Answers 200 with the whole file even to a {@code Range} request. */
        public Served ignoreRange() {
            ignoreRange = true;
            return this;
        }

        /** For the next {@code times} requests, sends only {@code bytes} bytes of the body, then cuts the connection. */
        public Served dropAfter(long bytes, int times) {
            dropAfter = bytes;
            drops = times;
            return this;
        }

        /** Sends {@code bytes} bytes of the body, then waits for {@link #release()} before sending the rest. */
        public Served holdAfter(long bytes) {
            holdAfter = bytes;
            return this;
        }

        /** Lets held answers finish. */
        public void release() {
            held.countDown();
        }

        private void answer(HttpExchange exchange) throws IOException {
            Headers out = exchange.getResponseHeaders();
            if (linkedEtag != null) {
                out.set("X-Linked-Etag", linkedEtag);
                out.set("X-Linked-Size", Long.toString(linkedSize));
            }
            if (requiredToken != null
                    && !("Bearer " + requiredToken)
                            .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(401, -1);
            } else if (status != 200) {
                exchange.sendResponseHeaders(status, -1);
            } else if (redirect != null) {
                out.set("ETag", etag);
                out.set("Location", redirect.toString());
                exchange.sendResponseHeaders(302, -1);
            } else {
                if (etag != null) {
                    out.set("ETag", etag);
                }
                sendContent(exchange, out);
            }
        }

        private void sendContent(HttpExchange exchange, Headers out) throws IOException {
            long from = rangeStart(exchange.getRequestHeaders().getFirst("Range"));
            if (from >= content.length) {
                out.set("Content-Range", "bytes */" + content.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            int start = (int) Math.max(from, 0);
            if (from >= 0) {
                out.set("Content-Range", "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
            }
            int length = content.length - start;
            exchange.sendResponseHeaders(from >= 0 ? 206 : 200, length == 0 ? -1 : length);
            OutputStream body = exchange.getResponseBody();
            if (takeDrop()) {
                body.write(content, start, (int) Math.min(dropAfter, length));
                body.flush();
                // Closing the exchange short of Content-Length makes the server drop the connection.
                return;
            }
            if (holdAfter > 0 && holdAfter < length) {
                body.write(content, start, (int) holdAfter);
                body.flush();
                awaitRelease();
                body.write(content, start + (int) holdAfter, length - (int) holdAfter);
            } else {
                body.write(content, start, length);
            }
        }

        private void awaitRelease() throws IOException {
            try {
                if (!held.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("the test never released " + path);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while holding " + path, e);
            }
        }

        private synchronized boolean takeDrop() {
            if (drops <= 0) {
                return false;
            }
            drops--;
            return true;
        }

        private long rangeStart(String range) {
            if (range == null || ignoreRange) {
                return -1;
            }
            Matcher m = RANGE.matcher(range);
            if (!m.matches()) {
                throw new IllegalStateException("the test server only understands 'bytes=N-', got: " + range);
            }
            return Long.parseLong(m.group(1));
        }
    }
}
