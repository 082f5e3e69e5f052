package dev.lookalike.server;

import static dev.lookalike.server.ServerApiTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.search.IndexSearcher;
import dev.lookalike.search.IndexedImages;
import dev.lookalike.search.SearchHit;
import dev.lookalike.search.VectorSearcher;
import dev.lookalike.serving.SearchService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What a client is told when the server fails, and what the server log keeps. */
class ServerErrorsTest {

    private final TestIndex fixture = TestIndex.get();

    @Test
    void anUnexpectedFailureIsLoggedAndAnsweredWithOneGenericLine() throws Exception {
        Supplier<RuntimeException> failure =
                () -> new IllegalStateException("the cache limit was exceeded\n" + "while reading /secret/server/path");
        try (LookalikeServer server = failingServer(failure)) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream stderr = System.err;
            Http.Response response;
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            try {
                response = new Http(server.uri()).postJson("api/search", "{\"id\": 1}");
            } finally {
                System.setErr(stderr);
            }
            assertError(500, "internal error (see the server log)", response);
            assertFalse(response.text().contains("/secret/"), response::toString);
            String logged = log.toString(StandardCharsets.UTF_8);
            assertTrue(logged.contains("POST /api/search failed"), logged);
            assertTrue(logged.contains("java.lang.IllegalStateException: the cache limit was exceeded"), logged);
            assertTrue(logged.contains("\tat dev.lookalike.server.ServerErrorsTest"), "the stack trace: " + logged);
        }
    }

    @Test
    void anIllegalArgumentInsideTheServerIsNotTheClientsFault() throws Exception {
        Supplier<RuntimeException> failure = () -> new IllegalArgumentException("a bug");
        try (LookalikeServer server = failingServer(failure)) {
            Http http = new Http(server.uri());
            PrintStream stderr = System.err;
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            try {
                assertError(500, "internal error", http.postJson("api/search", "{\"id\": 1}"));
            } finally {
                System.setErr(stderr);
            }
            assertError(
                    400,
                    "unknown model 'nope' (this server has [clip-tiny, dinov2-tiny])",
                    http.postJson("api/search", "{\"id\": 1, \"models\": [\"nope\"]}"));
        }
    }

    @Test
    void anUnreadableIndexedImageIsNamedByIdAndStoredPathAndServedOnceFixed() throws Exception {
        Path root = Files.createTempDirectory("lookalike-broken").toAbsolutePath();
        Path file = Files.createDirectories(root.resolve("sub")).resolve("broken.jpg");
        String notAnImage = "not an image\n".repeat(1000);
        Files.writeString(file, notAnImage);
        IndexedImages images = new IndexedImages(root, Map.of("sub/broken.jpg", 1L));
        VectorSearcher local = IndexSearcher.open(fixture.index);
        VectorSearcher showingTheBrokenFile = new Delegating(local) {
            @Override
            public IndexedImages images() {
                return images;
            }
        };
        Metrics metrics = new Metrics();
        SearchService service = SearchService.open(
                showingTheBrokenFile,
                fixture.models,
                List.of(),
                fixture.served(),
                fixture.lookalike.decoder(),
                metrics);
        try (LookalikeServer server = LookalikeServer.start(ServerConfig.local(0), service, metrics)) {
            Http http = new Http(server.uri());
            for (Http.Response response :
                    List.of(http.get("api/images/1/thumbnail"), http.postJson("api/search", "{\"id\": 1}"))) {
                assertError(404, "image 1 (sub/broken.jpg) cannot be read: ", response);
                assertFalse(response.text().contains(root.toString()), response::toString);
            }

            Http.Response raw =
                    new Http(server.uri()).header("Accept-Encoding", "gzip").get("api/images/1");
            assertEquals(200, raw.status(), raw::toString);
            assertEquals("application/octet-stream", raw.contentType());
            assertEquals(notAnImage, raw.text());
            assertEquals(
                    notAnImage.length(),
                    raw.headers().firstValueAsLong("Content-Length").orElse(-1));

            Path photo = TestIndex.outsidePhoto(0);
            Files.copy(photo, file, StandardCopyOption.REPLACE_EXISTING);
            Http.Response thumbnail = http.get("api/images/1/thumbnail");
            assertEquals(200, thumbnail.status(), "a failure is not cached: " + thumbnail);
            Http.Response image = http.get("api/images/1");
            assertEquals("image/jpeg", image.contentType());
            assertEquals(
                    Files.size(photo),
                    image.headers().firstValueAsLong("Content-Length").orElse(-1));
            assertEquals(Files.size(photo), image.body().length);
        }
    }

    /** A service over the test index whose searcher fails with what {@code failure} makes. */
    private LookalikeServer failingServer(Supplier<RuntimeException> failure) throws IOException {
        VectorSearcher failing = new Delegating(IndexSearcher.open(fixture.index)) {
            @Override
            public List<SearchHit> search(ModelIdentity model, float[] query, int k) {
                throw failure.get();
            }
        };
        Metrics metrics = new Metrics();
        return LookalikeServer.start(
                ServerConfig.local(0),
                SearchService.open(
                        failing, fixture.models, List.of(), fixture.served(), fixture.lookalike.decoder(), metrics),
                metrics);
    }

    /** A searcher that does what another does, for a test to change one thing. */
    private static class Delegating implements VectorSearcher {
        private final VectorSearcher searcher;

        Delegating(VectorSearcher searcher) {
            this.searcher = searcher;
        }

        @Override
        public List<SearchHit> search(ModelIdentity model, float[] query, int k) throws IOException {
            return searcher.search(model, query, k);
        }

        @Override
        public void prepare(List<ModelIdentity> models) throws IOException {
            searcher.prepare(models);
        }

        @Override
        public IndexedImages images() throws IOException {
            return searcher.images();
        }

        @Override
        public Map<String, Object> summary() throws IOException {
            return searcher.summary();
        }

        @Override
        public Map<String, ModelIdentity> models() throws IOException {
            return searcher.models();
        }

        @Override
        public String root() throws IOException {
            return searcher.root();
        }

        @Override
        public void close() throws IOException {
            searcher.close();
        }
    }
}
