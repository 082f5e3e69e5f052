package dev.lookalike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookalike.image.SamplePhotos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fusions ({@code tclip+tdino}, {@code tclip+tdino:rrf}) in {@code search} and {@code compare}. */
class FusionCommandTest {

    private static final int PHOTOS = 8;

    @TempDir
    static Path dir;

    static Path home;
    static Path index;
    static List<Path> photos;

    @BeforeAll
    static void indexPhotos() throws IOException {
        home = TinyCatalog.home(dir.resolve("home"));
        photos = SamplePhotos.all().subList(SamplePhotos.COUNT - PHOTOS, SamplePhotos.COUNT);
        Path folder = Files.createDirectories(dir.resolve("photos"));
        for (Path photo : photos) {
            Files.copy(photo, folder.resolve(photo.getFileName()));
        }
        index = dir.resolve("index");
        CliRun run = run("index", folder.toString(), "--index", index.toString(), "--models", "tclip,tdino");
        assertEquals(0, run.exitCode(), run.err());
    }

    private static CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--home", home.toString(), "--device", "cpu", "--threads", "1", "-q"));
        return CliRun.run(all.toArray(String[]::new));
    }

    @Test
    void aModelDirectoryJoinsTheCatalogSoFusionsWorkWithIt() throws IOException {
        String query = photos.get(3).toString();
        CliRun named = run(
                "search",
                query,
                "--index",
                index.toString(),
                "-k",
                "4",
                "--json",
                "--models",
                "tdino,tclip+tdino,tclip+tdino:rrf");
        CliRun local = run(
                "search",
                query,
                "--index",
                index.toString(),
                "-k",
                "4",
                "--json",
                "--models",
                "tdino,tclip+tdino,tclip+tdino:rrf",
                "--model-dir",
                CliFixtures.DINOV2.toString(),
                "--model-name",
                "tdino");
        assertEquals(0, named.exitCode(), named.err());
        assertEquals(0, local.exitCode(), local.err());
        assertEquals(new ObjectMapper().readTree(named.out()), new ObjectMapper().readTree(local.out()));
        CliRun alone = run(
                "search",
                query,
                "--index",
                index.toString(),
                "-k",
                "4",
                "--json",
                "--model-dir",
                CliFixtures.DINOV2.toString(),
                "--model-name",
                "tdino");
        assertEquals(0, alone.exitCode(), alone.err());
        assertEquals(
                List.of("tdino"),
                List.copyOf(iterable(new ObjectMapper().readTree(alone.out()).get("results"))),
                "without --models, --model-dir's model alone");
        CliRun compare = run(
                "compare",
                query,
                photos.get(4).toString(),
                "--json",
                "--models",
                "tclip+tdino",
                "--model-dir",
                CliFixtures.DINOV2.toString(),
                "--model-name",
                "tdino");
        assertEquals(0, compare.exitCode(), compare.err());
        assertEquals(
                "tclip+tdino",
                new ObjectMapper()
                        .readTree(compare.out())
                        .get("results")
                        .get(0)
                        .get("model")
                        .asText());
    }

    private static List<String> iterable(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void searchShowsFusionsBesideTheirComponents() throws IOException {
        Path page = dir.resolve("fusion.html");
        CliRun run = run(
                "search",
                photos.get(2).toString(),
                "--index",
                index.toString(),
                "-k",
                "" + PHOTOS,
                "--models",
                "tclip,tdino,tclip+tdino,tclip+tdino:rrf",
                "--json",
                "--html",
                page.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode results = new ObjectMapper().readTree(run.out()).get("results");
        Map<String, Double> clip = cosines(results.get("tclip"));
        Map<String, Double> dino = cosines(results.get("tdino"));
        // Mean cosine: every image's cosine is the mean of the two, ranked by it.
        JsonNode mean = results.get("tclip+tdino");
        assertEquals(PHOTOS, mean.size());
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode hit : mean) {
            String path = hit.get("path").asText();
            double expected = (clip.get(path) + dino.get(path)) / 2;
            assertEquals(expected, hit.get("cosine").doubleValue(), 1e-5, path);
            assertTrue(hit.get("cosine").doubleValue() <= previous + 1e-7);
            previous = hit.get("cosine").doubleValue();
        }
        // RRF: ranked by 1/(60 + rank) summed over the two rankings, ties by path; cosine the mean.
        Map<String, Double> rrf = new HashMap<>();
        for (String model : List.of("tclip", "tdino")) {
            for (JsonNode hit : results.get(model)) {
                rrf.merge(hit.get("path").asText(), 1.0 / (60 + hit.get("rank").intValue()), Double::sum);
            }
        }
        List<String> expectedOrder = rrf.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();
        List<String> order = new ArrayList<>();
        for (JsonNode hit : results.get("tclip+tdino:rrf")) {
            order.add(hit.get("path").asText());
            assertEquals(
                    (clip.get(hit.get("path").asText())
                                    + dino.get(hit.get("path").asText()))
                            / 2,
                    hit.get("cosine").doubleValue(),
                    1e-5);
        }
        assertEquals(expectedOrder, order);
        assertTrue(Files.readString(page).contains("tclip+tdino:rrf"));

        CliRun text = run(
                "search", photos.get(2).toString(), "--index", index.toString(), "-k", "3", "--models", "tclip+tdino");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(
                text.out().lines().anyMatch(line -> line.startsWith("rank") && line.contains("tclip+tdino")),
                text.out());
        assertTrue(text.out().contains(photos.get(2).getFileName().toString()), "an image finds itself first");
    }

    @Test
    void compareGivesTheMeanCosineAndRefusesRrf() throws IOException {
        CliRun run = run(
                "compare",
                photos.get(0).toString(),
                photos.get(1).toString(),
                "--models",
                "tclip,tdino,tclip+tdino",
                "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode rows = new ObjectMapper().readTree(run.out()).get("results");
        assertEquals("tclip+tdino", rows.get(2).get("model").asText());
        assertEquals(
                (rows.get(0).get("cosine").doubleValue()
                                + rows.get(1).get("cosine").doubleValue())
                        / 2,
                rows.get(2).get("cosine").doubleValue(),
                1e-12);
        assertEquals(
                (rows.get(2).get("cosine").doubleValue() + 1) / 2,
                rows.get(2).get("score").doubleValue(),
                1e-12);

        CliRun rrf = run("compare", photos.get(0).toString(), photos.get(1).toString(), "--models", "tclip+tdino:rrf");
        assertEquals(ExitCode.USAGE, rrf.exitCode());
        assertTrue(rrf.err().contains("reciprocal-rank fusion ranks search results"), rrf.err());

        CliRun unknown = run("compare", photos.get(0).toString(), photos.get(1).toString(), "--models", "tclip+nope");
        assertEquals(ExitCode.USAGE, unknown.exitCode());
        assertTrue(unknown.err().contains("nope"), unknown.err());
    }

    private static Map<String, Double> cosines(JsonNode hits) {
        Map<String, Double> byPath = new HashMap<>();
        hits.forEach(
                hit -> byPath.put(hit.get("path").asText(), hit.get("cosine").doubleValue()));
        assertEquals(PHOTOS, byPath.size());
        return byPath;
    }
}
