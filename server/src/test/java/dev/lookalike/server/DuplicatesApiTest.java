package dev.lookalike.server;

import static dev.lookalike.server.ServerApiTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookalike.dedup.DedupRequest;
import dev.lookalike.dedup.DuplicateFinder;
import dev.lookalike.dedup.DuplicateGroup;
import dev.lookalike.dedup.DuplicatePair;
import dev.lookalike.dedup.Duplicates;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.store.IndexStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/duplicates} and its "not duplicates" decisions over HTTP, checked against the library. */
class DuplicatesApiTest {

    private static final TestIndex fixture = TestIndex.get();

    @TempDir
    Path tmp;

    /** A copy of the shared index, so that decisions written here stay here. */
    private Path copyOfIndex() throws IOException {
        Path copy = tmp.resolve("index");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(fixture.index)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    /** The cosine of the fifth most similar pair: a threshold that makes a few groups of the distinct photos. */
    private static float thresholdWithGroups(Path index) throws IOException {
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            List<DuplicatePair> pairs = new ArrayList<>(
                    DuplicateFinder.find(store, DedupRequest.of("clip-tiny", 0.001f), ProgressReporter.silent())
                            .pairs());
            pairs.sort(Comparator.comparing(DuplicatePair::cosine).reversed());
            return pairs.get(4).cosine();
        }
    }

    private static Duplicates library(Path index, float threshold) throws IOException {
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            return DuplicateFinder.find(store, DedupRequest.of("clip-tiny", threshold), ProgressReporter.silent());
        }
    }

    private static LookalikeServer start(ServerConfig config, DuplicatesService duplicates) throws IOException {
        Metrics metrics = new Metrics();
        return LookalikeServer.start(config, fixture.service(metrics), metrics, duplicates);
    }

    @Test
    void answersWhatTheLibraryFindsAndHidesAGroupMarkedNotDuplicates() throws Exception {
        Path index = copyOfIndex();
        float threshold = thresholdWithGroups(index);
        String query = String.format(Locale.ROOT, "api/duplicates?model=clip-tiny&threshold=%s", threshold);
        Duplicates expected = library(index, threshold);
        assertTrue(!expected.groups().isEmpty(), "the threshold makes groups");
        try (LookalikeServer server = start(ServerConfig.local(0), new DuplicatesService(index, 2))) {
            Http http = new Http(server.uri());
            Http.Response response = http.get(query);
            assertEquals(200, response.status(), response::toString);
            JsonNode doc = response.json();
            assertEquals("clip-tiny", doc.get("model").asText());
            assertEquals(expected.groups().size(), doc.get("groups").size());
            assertEquals(expected.pairs().size(), doc.get("pairs").size());
            for (int g = 0; g < expected.groups().size(); g++) {
                DuplicateGroup group = expected.groups().get(g);
                JsonNode row = doc.get("groups").get(g);
                assertEquals(group.keep().path(), row.get("keep").asText());
                for (int m = 0; m < group.members().size(); m++) {
                    JsonNode member = row.get("members").get(m);
                    assertEquals(
                            group.members().get(m).path(), member.get("path").asText());
                    assertEquals(
                            group.members().get(m).cosine(),
                            member.get("cosine").floatValue());
                    assertEquals(
                            fixture.photos
                                    .resolve(member.get("path").asText())
                                    .toAbsolutePath()
                                    .normalize(),
                            fixture.images().file(member.get("id").asLong()).orElseThrow(),
                            "the id names the file");
                }
            }
            assertTrue(!http.get(query + "&pairs=false").json().has("pairs"));

            List<String> paths = expected.groups().getFirst().members().stream()
                    .map(m -> m.path())
                    .toList();
            String body = "{\"paths\": ["
                    + String.join(", ", paths.stream().map(p -> "\"" + p + "\"").toList()) + "]}";
            assertEquals(200, http.postJson("api/duplicates/ignore", body).status());
            JsonNode after = http.get(query).json();
            assertEquals(expected.groups().size() - 1, after.get("groups").size());
            assertEquals(1, after.get("ignored_groups").asInt());
            try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
                assertEquals(List.of(java.util.Set.copyOf(paths)), store.notDuplicates(), "the decision is stored");
            }

            assertError(400, "threshold must be a cosine in (0, 1]", http.get("api/duplicates?threshold=1.5"));
            assertError(400, "threshold must be a cosine", http.get("api/duplicates?threshold=x"));
            assertError(400, "no model 'nope'", http.get("api/duplicates?model=nope"));
            assertError(400, "two or more", http.postJson("api/duplicates/ignore", "{\"paths\": [\"a.jpg\"]}"));
            assertError(
                    400,
                    "not an image of the index",
                    http.postJson("api/duplicates/ignore", "{\"paths\": [\"" + paths.getFirst() + "\", \"../x\"]}"));
        }
    }

    @Test
    void decisionsNeedTheKeyAndAServerWithoutALocalIndexHasNoDuplicates() throws Exception {
        ServerConfig keyed = new ServerConfig("127.0.0.1", 0, "s3cret", ServerConfig.DEFAULT_MAX_UPLOAD_BYTES);
        try (LookalikeServer server = start(keyed, new DuplicatesService(copyOfIndex(), 1))) {
            Http anonymous = new Http(server.uri());
            assertError(401, "needs an API key", anonymous.postJson("api/duplicates/ignore", "{\"paths\": []}"));
            assertError(401, "needs an API key", anonymous.get("api/duplicates"));
            assertEquals(200, anonymous.get("duplicates.js").status(), "the page's script is public");
            assertEquals(
                    200,
                    new Http(server.uri())
                            .header("X-API-Key", "s3cret")
                            .get("api/duplicates")
                            .status());
        }
        try (LookalikeServer server = fixture.start(ServerConfig.local(0))) {
            assertError(404, "duplicates need a local index", new Http(server.uri()).get("api/duplicates"));
        }
    }
}
