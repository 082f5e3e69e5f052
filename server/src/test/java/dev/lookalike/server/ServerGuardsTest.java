package dev.lookalike.server;

import static dev.lookalike.server.ServerApiTest.assertError;
import static dev.lookalike.server.ServerApiTest.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.search.IndexSearcher;
import dev.lookalike.serving.SearchService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The API key, the upload limit, the loopback default and stopping. */
class ServerGuardsTest {

    @Test
    void withAKeyTheApiAnswers401WithoutIt() throws Exception {
        TestIndex fixture = TestIndex.get();
        ServerConfig config = new ServerConfig("127.0.0.1", 0, "s3cret", ServerConfig.DEFAULT_MAX_UPLOAD_BYTES);
        try (LookalikeServer server = fixture.start(config)) {
            Http anonymous = new Http(server.uri());
            for (String path : new String[] {"api/index", "api/images/1", "api/openapi.json", "metrics"}) {
                assertError(401, "needs an API key", anonymous.get(path));
            }
            assertError(401, "needs an API key", anonymous.postJson("api/search", "{\"id\": 1}"));
            assertError(
                    401,
                    "needs an API key",
                    new Http(server.uri()).header("X-API-Key", "wrong").get("api/index"));
            assertEquals(200, anonymous.get("healthz").status());
            assertEquals(200, anonymous.get("").status(), "the page itself asks for the key");
            assertEquals(
                    200,
                    new Http(server.uri())
                            .header("Authorization", "Bearer s3cret")
                            .get("api/index")
                            .status());
            Http.Response search = new Http(server.uri())
                    .header("X-API-Key", "s3cret")
                    .postMultipart("api/search", Map.of("image", file(TestIndex.outsidePhoto(0))));
            assertEquals(200, search.status(), search::toString);
        }
    }

    @Test
    void withAKeyOnlyThePageAndHealthAreOpenSpelledExactly() throws Exception {
        TestIndex fixture = TestIndex.get();
        ServerConfig config = new ServerConfig("127.0.0.1", 0, "s3cret", ServerConfig.DEFAULT_MAX_UPLOAD_BYTES);
        try (LookalikeServer server = fixture.start(config)) {
            Http anonymous = new Http(server.uri());
            for (String path : new String[] {
                "metrics/", "api/index/", "api/openapi.json/", "api/images/1/", "healthz/", "app.js/", "nothing"
            }) {
                assertError(401, "needs an API key", anonymous.get(path));
            }
            for (String path : new String[] {"", "app.js", "app.css", "healthz"}) {
                assertEquals(200, anonymous.get(path).status(), path);
            }
            Http keyed = new Http(server.uri()).header("X-API-Key", "s3cret");
            assertEquals(200, keyed.get("metrics/").status(), "the alias still works with the key");
        }
    }

    @Test
    void uploadsOverTheLimitAre413() throws Exception {
        TestIndex fixture = TestIndex.get();
        Path photo = TestIndex.outsidePhoto(0);
        long size = Files.size(photo);
        ServerConfig config = new ServerConfig("127.0.0.1", 0, null, size / 2);
        try (LookalikeServer server = fixture.start(config)) {
            Http http = new Http(server.uri());
            assertError(413, "over the limit", http.postMultipart("api/search", Map.of("image", file(photo))));
            assertError(
                    413,
                    "over the limit",
                    http.postMultipart("api/compare", Map.of("a", file(photo), "b", file(photo))));
            assertError(413, "over the limit", http.postMultipart("api/search", Map.of("image", file(photo)), true));
            assertEquals(200, http.get("healthz").status(), "the server still answers");
        }
    }

    /**
     * A client that writes its whole upload before reading the answer, as Python's http.client and requests do,
     * still receives the 413 (over the limit) or the 415 (not an image), with a Content-Length or chunked: the
     * server reads the rest of the body before answering instead of closing the connection under it.
     */
    @ParameterizedTest(name = "limit {0}, chunked {1}")
    @CsvSource({
        "65536, false, 413, over the limit",
        "65536, true, 413, over the limit",
        "33554432, false, 415, not a supported image",
        "33554432, true, 415, not a supported image"
    })
    void aClientWritingTheWholeBodyBeforeReadingGetsTheAnswer(long limit, boolean chunked, int status, String message)
            throws Exception {
        TestIndex fixture = TestIndex.get();
        byte[] noise = new byte[8 << 20]; // far more than the socket buffers hold
        new Random(13).nextBytes(noise);
        byte[] body = multipart("image", "big.jpg", noise);
        try (LookalikeServer server = fixture.start(new ServerConfig("127.0.0.1", 0, null, limit));
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/search HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary="
                            + BOUNDARY + "\r\n"
                            + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length)
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            if (chunked) {
                for (int at = 0; at < body.length; at += 65536) {
                    int length = Math.min(65536, body.length - at);
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, at, length);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(body);
            }
            out.flush();

            String answer = readResponse(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), answer);
            assertTrue(answer.contains(message), answer);
        }
    }

    private static final String BOUNDARY = "lookalike-test-boundary";

    private static byte[] multipart(String field, String fileName, byte[] content) {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                        + fileName + "\"\r\nContent-Type: image/jpeg\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return body;
    }

    /** The status line, headers and body (by its Content-Length) of one HTTP/1.1 response. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed after: " + head);
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void bindsToLoopbackByDefaultAndStopsCleanly() throws Exception {
        TestIndex fixture = TestIndex.get();
        LookalikeServer server = fixture.start(ServerConfig.local(0));
        int port = server.port();
        assertEquals("127.0.0.1", server.uri().getHost());
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            Assertions.assertTrue(socket.isConnected());
        }
        Thread waiter = new Thread(() -> {
            try {
                server.awaitStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        server.close();
        waiter.join(10_000);
        Assertions.assertFalse(waiter.isAlive(), "awaitStop returns once stopped");
        Assertions.assertThrows(
                ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
        server.close();
    }

    @Test
    void aPortInUseIsAClearError() throws Exception {
        TestIndex fixture = TestIndex.get();
        try (LookalikeServer first = fixture.start(ServerConfig.local(0))) {
            Metrics metrics = new Metrics();
            SearchService second = fixture.service(metrics);
            IOException e = Assertions.assertThrows(
                    IOException.class, () -> LookalikeServer.start(ServerConfig.local(first.port()), second, metrics));
            second.close();
            Assertions.assertTrue(
                    e.getMessage().startsWith("cannot listen on 127.0.0.1:" + first.port()), e.getMessage());
        }
    }

    @Test
    void anIndexWithoutTheModelFailsAtStartUp() throws IOException {
        TestIndex fixture = TestIndex.get();
        Path empty = Files.createTempDirectory("lookalike-no-index");
        IOException e = Assertions.assertThrows(
                IOException.class,
                () -> SearchService.open(
                        IndexSearcher.open(empty.resolve("none")),
                        fixture.models,
                        java.util.List.of(),
                        fixture.served(),
                        fixture.lookalike.decoder(),
                        new Metrics()));
        Assertions.assertTrue(e.getMessage().contains("no such index"), e.getMessage());
    }
}
