package dev.lookalike.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookalike.image.ImageFixtures;
import dev.lookalike.model.ImageModel;
import dev.lookalike.search.ModelSelection;
import dev.lookalike.search.SearchHit;
import dev.lookalike.search.SearchResults;
import dev.lookalike.search.Similarity;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON API over real HTTP on 127.0.0.1, checked against the library called directly. */
class ServerApiTest {

    private static final TestIndex fixture = TestIndex.get();
    private static LookalikeServer server;
    private static Http http;

    @BeforeAll
    static void start() throws IOException {
        server = fixture.start(ServerConfig.local(0));
        http = new Http(server.uri());
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    static Http.FilePart file(Path path) throws IOException {
        return new Http.FilePart(path.getFileName().toString(), Files.readAllBytes(path));
    }

    /** Asserts the API's hits are the library's, field by field, and that each id names the hit's file. */
    static void assertSameHits(SearchResults expected, JsonNode results) throws IOException {
        assertEquals(new ArrayList<>(expected.byModel().keySet()), fieldNames(results));
        for (Map.Entry<String, List<SearchHit>> model : expected.byModel().entrySet()) {
            JsonNode hits = results.get(model.getKey());
            assertEquals(model.getValue().size(), hits.size());
            for (int i = 0; i < hits.size(); i++) {
                SearchHit hit = model.getValue().get(i);
                JsonNode row = hits.get(i);
                assertEquals(hit.rank(), row.get("rank").asInt());
                assertEquals(hit.path(), row.get("path").asText());
                assertEquals(hit.cosine(), row.get("cosine").asDouble(), 1e-12);
                assertEquals(hit.distance(), row.get("distance").asDouble(), 1e-12);
                assertEquals(hit.score(), row.get("score").asDouble(), 1e-12);
                assertEquals(
                        fixture.photos.resolve(hit.path()).toAbsolutePath().normalize(),
                        fixture.images().file(row.get("id").asLong()).orElseThrow());
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void searchByUploadAnswersWhatTheLibraryAnswers() throws Exception {
        Path query = TestIndex.outsidePhoto(0);
        Http.Response response = http.postMultipart("api/search", Map.of("image", file(query), "k", "4"));
        assertEquals(200, response.status(), response::toString);
        JsonNode doc = response.json();
        assertEquals(List.of("query", "results"), fieldNames(doc));
        assertEquals(query.getFileName().toString(), doc.get("query").asText());
        assertSameHits(fixture.directSearch(query, 4), doc.get("results"));
    }

    @Test
    void fusionsAnswerWhatTheLibraryAnswersAndAreListed() throws Exception {
        String fusions = "clip-tiny+dinov2-tiny,clip-tiny+dinov2-tiny:rrf";
        ModelSelection selection = ModelSelection.of(List.of(("dinov2-tiny," + fusions).split(",")));
        Path query = TestIndex.outsidePhoto(1);
        Http.Response upload = http.postMultipart(
                "api/search", Map.of("image", file(query), "k", "6", "models", "dinov2-tiny," + fusions));
        assertEquals(200, upload.status(), upload::toString);
        assertSameHits(fixture.directSearch(query, 6, selection), upload.json().get("results"));

        Http.Response byId =
                http.postJson("api/search", "{\"id\": 3, \"k\": 4, \"models\": [\"clip-tiny+dinov2-tiny:rrf\"]}");
        assertEquals(200, byId.status(), byId::toString);
        assertSameHits(
                fixture.directSearch(
                        fixture.photos.resolve(fixture.images().path(3).orElseThrow()),
                        4,
                        ModelSelection.of("clip-tiny+dinov2-tiny:rrf")),
                byId.json().get("results"));

        JsonNode index = http.get("api/index").json();
        assertEquals(
                List.of("clip-tiny+dinov2-tiny", "clip-tiny+dinov2-tiny:rrf"),
                new ObjectMapper().convertValue(index.get("fusions"), List.class));

        Path a = TestIndex.outsidePhoto(0);
        JsonNode compared = new ObjectMapper()
                .readTree(http.postMultipart(
                                "api/compare",
                                Map.of(
                                        "a",
                                        file(a),
                                        "b",
                                        file(query),
                                        "models",
                                        "clip-tiny,dinov2-tiny,clip-tiny+dinov2-tiny"))
                        .body())
                .get("results");
        assertEquals(
                (compared.get(0).get("cosine").asDouble()
                                + compared.get(1).get("cosine").asDouble())
                        / 2,
                compared.get(2).get("cosine").asDouble(),
                1e-12);
        ServerApiTest.assertError(
                400,
                "clip-tiny+dinov2-tiny:rrf: reciprocal-rank fusion ranks search results",
                http.postMultipart(
                        "api/compare", Map.of("a", file(a), "b", file(query), "models", "clip-tiny+dinov2-tiny:rrf")));
        ServerApiTest.assertError(
                400,
                "unknown model 'phash'",
                http.postMultipart("api/search", Map.of("image", file(query), "models", "clip-tiny+phash")));
    }

    @Test
    void searchByIdFindsTheImageItselfFirst() throws Exception {
        Http.Response first = http.postMultipart("api/search", Map.of("image", file(TestIndex.outsidePhoto(1))));
        JsonNode hit = first.json().get("results").get("dinov2-tiny").get(2);
        Http.Response response = http.postJson(
                "api/search", "{\"id\": " + hit.get("id").asLong() + ", \"k\": 3, \"models\": [\"dinov2-tiny\"]}");
        assertEquals(200, response.status(), response::toString);
        JsonNode doc = response.json();
        assertEquals(hit.get("path").asText(), doc.get("query").asText());
        assertEquals(List.of("dinov2-tiny"), fieldNames(doc.get("results")));
        JsonNode self = doc.get("results").get("dinov2-tiny").get(0);
        assertEquals(hit.get("id").asLong(), self.get("id").asLong());
        assertEquals(1.0, self.get("cosine").asDouble(), 1e-5);
        SearchResults direct =
                fixture.directSearch(fixture.photos.resolve(hit.get("path").asText()), 3);
        assertSameHits(
                new SearchResults("q", Map.of("dinov2-tiny", direct.byModel().get("dinov2-tiny"))), doc.get("results"));
    }

    @Test
    void searchByTextAnswersWhatTheLibraryAnswers() throws Exception {
        Http.Response response = http.postJson("api/search", "{\"text\": \"a red bus at night\", \"k\": 4}");
        assertEquals(200, response.status(), response::toString);
        JsonNode doc = response.json();
        assertEquals("a red bus at night", doc.get("query").asText());
        assertEquals(List.of("clip-tiny"), fieldNames(doc.get("results")), "only models with a text side");
        assertSameHits(fixture.directTextSearch("a red bus at night", 4), doc.get("results"));
        for (JsonNode hit : doc.get("results").get("clip-tiny")) {
            assertEquals(
                    hit.get("path").asText(),
                    fixture.images().path(hit.get("id").asLong()).orElseThrow());
        }
    }

    @Test
    void badTextQueriesAreTheClientsError() throws Exception {
        for (String body : List.of(
                "{\"text\": \"\"}",
                "{\"text\": \"  \"}",
                "{\"text\": 12}",
                "{\"text\": \"a cat\", \"id\": 1}",
                "{\"text\": \"a cat\", \"models\": [\"dinov2-tiny\"]}",
                "{\"text\": \"a cat\", \"models\": [\"nope\"]}")) {
            Http.Response response = http.postJson("api/search", body);
            assertEquals(400, response.status(), body + ": " + response);
            assertTrue(response.json().get("error").asText().length() > 10, response::toString);
        }
        Http.Response noText = http.postJson("api/search", "{\"text\": \"a cat\", \"models\": [\"dinov2-tiny\"]}");
        assertTrue(noText.json().get("error").asText().contains("dinov2-tiny has no text side"), noText::toString);
    }

    @Test
    void compareAnswersWhatTheLibraryAnswers() throws Exception {
        Path a = TestIndex.outsidePhoto(0);
        Path b = TestIndex.outsidePhoto(1);
        Http.Response response = http.postMultipart("api/compare", Map.of("a", file(a), "b", file(b)));
        assertEquals(200, response.status(), response::toString);
        JsonNode doc = response.json();
        assertEquals(List.of("a", "b", "results"), fieldNames(doc));
        assertEquals(a.getFileName().toString(), doc.get("a").asText());
        JsonNode rows = doc.get("results");
        assertEquals(fixture.models.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ImageModel model = fixture.models.get(i);
            Similarity expected = Similarity.between(
                    model,
                    fixture.lookalike.decoder().decode(a),
                    fixture.lookalike.decoder().decode(b));
            assertEquals(expected.model(), rows.get(i).get("model").asText());
            assertEquals(expected.cosine(), rows.get(i).get("cosine").asDouble(), 1e-12);
            assertEquals(expected.score(), rows.get(i).get("score").asDouble(), 1e-12);
        }
    }

    @Test
    void imagesAndThumbnailsAreServedByIdOnly() throws Exception {
        {
            assertEquals(TestIndex.PHOTOS, fixture.images().size());
            String path = "sub/" + TestIndex.cocoPhotos(2).get(1).getFileName();
            long id = fixture.images().id(path).orElseThrow();
            Http.Response image = http.get("api/images/" + id);
            assertEquals(200, image.status(), image::toString);
            assertEquals("image/jpeg", image.contentType());
            assertArrayEquals(Files.readAllBytes(fixture.photos.resolve(path)), image.body());

            Http.Response thumbnail = http.get("api/images/" + id + "/thumbnail");
            assertEquals(200, thumbnail.status(), thumbnail::toString);
            assertEquals("image/jpeg", thumbnail.contentType());
            BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
            assertEquals(256, Math.max(small.getWidth(), small.getHeight()));
        }
        for (String bad : List.of("999999", "-1", "abc", "..%2F..%2Fetc%2Fpasswd", "1%2F..%2F..")) {
            Http.Response response = http.get("api/images/" + bad);
            assertEquals(404, response.status(), bad + ": " + response);
            assertEquals(404, http.get("api/images/" + bad + "/thumbnail").status(), bad);
        }
    }

    @Test
    void indexStatisticsNameTheModelsAndCounts() throws Exception {
        Http.Response response = http.get("api/index");
        assertEquals(200, response.status(), response::toString);
        JsonNode doc = response.json();
        assertEquals(TestIndex.PHOTOS, doc.get("files").asInt());
        assertEquals(0, doc.get("skipped_files").asInt());
        assertEquals("clip-tiny", doc.get("models").get(0).get("name").asText());
        assertEquals(16, doc.get("models").get(0).get("dimension").asInt());
        assertEquals(TestIndex.PHOTOS, doc.get("models").get(1).get("vectors").asInt());
        assertEquals(
                List.of("clip-tiny", "dinov2-tiny"),
                new ObjectMapper().convertValue(doc.get("serving_models"), List.class));
        assertEquals(List.of("clip-tiny"), new ObjectMapper().convertValue(doc.get("text_models"), List.class));
        assertEquals(
                ServerConfig.DEFAULT_MAX_UPLOAD_BYTES,
                doc.get("max_upload_bytes").asLong(),
                "the page checks it");
    }

    @Test
    void healthAndMetricsInPrometheusFormat() throws Exception {
        assertEquals("{\"status\":\"ok\"}", http.get("healthz").text());
        http.postMultipart("api/search", Map.of("image", file(TestIndex.outsidePhoto(0))));
        Http.Response metrics = http.get("metrics");
        assertEquals(200, metrics.status());
        assertTrue(metrics.contentType().startsWith("text/plain"), metrics.contentType());
        String text = metrics.text();
        assertTrue(text.contains("# TYPE lookalike_http_requests_total counter"), text);
        assertTrue(
                text.contains("lookalike_http_requests_total{method=\"POST\",route=\"/api/search\",status=\"200\"}"),
                text);
        assertTrue(text.contains("lookalike_embedding_duration_seconds_count{model=\"dinov2-tiny\"}"), text);
        assertTrue(text.contains("lookalike_search_duration_seconds_bucket{model=\"clip-tiny\",le=\""), text);
        assertTrue(text.contains("# TYPE lookalike_http_request_duration_seconds histogram"), text);
    }

    @Test
    void theOpenApiDescriptionListsExactlyTheRoutes() throws Exception {
        Http.Response response = http.get("api/openapi.json");
        assertEquals(200, response.status());
        JsonNode paths = response.json().get("paths");
        TreeSet<String> described = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                            method -> described.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey()));
        }
        TreeSet<String> served = new TreeSet<>(server.routes());
        served.removeAll(List.of("GET /", "GET /app.js", "GET /app.css", "GET /duplicates.js"));
        assertEquals(served, described);
    }

    @Test
    void thePageAndItsFilesAreServedFromTheJar() throws Exception {
        Http.Response page = http.get("");
        assertEquals(200, page.status());
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        assertTrue(page.text().contains("<script src=\"app.js\">"), page.text());
        assertTrue(!page.text().contains("http://") && !page.text().contains("https://"), "no outside fetch");
        assertEquals(200, http.get("app.js").status());
        assertEquals(200, http.get("app.css").status());
    }

    @Test
    void badRequestsGetTheirStatusAndAOneLineMessage() throws Exception {
        Path photo = TestIndex.outsidePhoto(0);
        assertError(400, "no file in field 'image'", http.postMultipart("api/search", Map.of("k", "3")));
        assertError(400, "k must be", http.postMultipart("api/search", Map.of("image", file(photo), "k", "0")));
        assertError(400, "k must be", http.postMultipart("api/search", Map.of("image", file(photo), "k", "x")));
        assertError(
                400,
                "unknown model 'nope'",
                http.postMultipart("api/search", Map.of("image", file(photo), "models", "nope")));
        assertError(400, "not valid JSON", http.postJson("api/search", "{\"id\": "));
        assertError(400, "expected \"id\"", http.postJson("api/search", "{\"path\": \"/etc/passwd\"}"));
        assertError(404, "no image with id 123456", http.postJson("api/search", "{\"id\": 123456}"));
        assertError(404, "no route", http.get("api/nothing"));
        assertError(404, "no image with id 123456", http.get("api/images/123456/thumbnail"));
        assertError(
                415,
                "notes.txt: not a supported image format",
                http.postMultipart("api/search", Map.of("image", new Http.FilePart("notes.txt", "hello".getBytes()))));
        assertError(
                415,
                "empty",
                http.postMultipart(
                        "api/compare", Map.of("a", file(photo), "b", new Http.FilePart("empty.jpg", new byte[0]))));
        assertError(
                413,
                "decompression bomb guard",
                http.postMultipart(
                        "api/search",
                        Map.of("image", new Http.FilePart("bomb.png", ImageFixtures.blackPng(20_000, 20_000)))));
    }

    static void assertError(int status, String message, Http.Response response) throws IOException {
        assertEquals(status, response.status(), response::toString);
        assertTrue(response.contentType().startsWith("application/json"), response::toString);
        JsonNode doc = response.json();
        assertEquals(status, doc.get("status").asInt());
        String text = doc.get("error").asText();
        assertTrue(text.contains(message), text);
        assertEquals(1, text.lines().count(), text);
    }
}
