package dev.lookalike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookalike.Lookalike;
import dev.lookalike.hub.HubSettings;
import dev.lookalike.indexing.IndexingFixtures;
import dev.lookalike.model.BuiltinModels;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.search.IndexSearcher;
import dev.lookalike.search.ModelSelection;
import dev.lookalike.search.SearchHit;
import dev.lookalike.search.SearchResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index written by lookalike 0.1.0 (commit 96ab307, {@code tools/fixtures/make_index_fixture.sh}) still
 * opens, keeps its models' identities, and answers the searches it answered then.
 */
class IndexCompatibilityTest {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");
    private static final Path OLD_INDEX = FIXTURES.resolve("index-0.1.0");
    private static final Map<String, String> ANSWERS = Map.of(
            "clip-tiny",
            "search-exif1-clip.json",
            "dinov2-tiny",
            "search-exif1-dinov2.json",
            "phash",
            "search-exif1-phash.json");

    @Test
    void anIndexOfTheFirstVersionOpensAndSearchesAsItDidThen(@TempDir Path tmp) throws IOException {
        Path index = Files.createDirectories(tmp.resolve("index"));
        Files.copy(OLD_INDEX.resolve("index.db"), index.resolve("index.db"));
        try (Lookalike lookalike = Lookalike.builder()
                        .hub(HubSettings.fromEnvironment(tmp.resolve("home")))
                        .embedder(IndexingFixtures.CPU)
                        .catalog(IndexingFixtures.catalog(
                                List.of(IndexingFixtures.clip("clip-tiny"), IndexingFixtures.dinov2("dinov2-tiny"))))
                        .build();
                IndexSearcher searcher = IndexSearcher.open(index)) {
            Map<String, ModelIdentity> stored = searcher.models();
            assertEquals(List.of("clip-tiny", "dinov2-tiny", "phash"), List.copyOf(stored.keySet()));
            assertEquals(ModelIdentity.of(BuiltinModels.PHASH), stored.get("phash"));
            assertEquals(lookalike.model("clip-tiny").identity(), stored.get("clip-tiny"));
            assertEquals("0.1.0", searcher.store().info().toolVersion());

            SearchResults results = lookalike.search(
                    searcher,
                    FIXTURES.resolve("images/exif1.jpg"),
                    ModelSelection.of("clip-tiny", "dinov2-tiny", "phash", "clip-tiny+dinov2-tiny"),
                    6);
            for (Map.Entry<String, String> answer : ANSWERS.entrySet()) {
                JsonNode then = new ObjectMapper()
                        .readTree(OLD_INDEX.resolve(answer.getValue()).toFile())
                        .get("results")
                        .get(answer.getKey());
                List<SearchHit> now = results.byModel().get(answer.getKey());
                assertEquals(then.size(), now.size(), answer.getKey());
                for (int i = 0; i < now.size(); i++) {
                    String what = answer.getKey() + " rank " + (i + 1);
                    assertEquals(then.get(i).get("path").asText(), now.get(i).path(), what);
                    assertEquals(
                            then.get(i).get("cosine").doubleValue(), now.get(i).cosine(), 1e-6, what);
                    assertEquals(
                            then.get(i).get("distance").doubleValue(),
                            now.get(i).distance(),
                            1e-6,
                            what);
                }
            }
            assertEquals(6, results.byModel().get("clip-tiny+dinov2-tiny").size(), "the old index serves fusions");
        }
    }
}
