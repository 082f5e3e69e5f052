package dev.lookalike.cli;

import static dev.lookalike.cli.CliFixtures.withModel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookalike.image.SamplePhotos;
import dev.lookalike.knn.faiss.FaissFlatFile;
import dev.lookalike.npy.NpyArray;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredVectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code index}, {@code index info}, {@code search} and {@code index export} end to end with the
 * tiny DINOv2 over real photos, checked against vectors from {@code embed} and brute force.
 */
class IndexAndSearchCommandTest {

    private static final String MODEL = "dinov2-tiny";
    private static final int PHOTOS = 20;
    private static final int K = 5;

    @TempDir
    static Path tmp;

    private static Path photos;
    private static Path index;
    private static CliRun firstIndexRun;
    /** Every photo's normalised vector from {@code embed}, by path relative to the folder. */
    private static final Map<String, float[]> embedded = new LinkedHashMap<>();

    @BeforeAll
    static void indexAFolder() throws IOException {
        photos = Files.createDirectory(tmp.resolve("photos"));
        Files.createDirectory(photos.resolve("sub"));
        List<Path> sources = sourcePhotos();
        for (int i = 0; i < sources.size(); i++) {
            // Half the photos one level down: the walk is recursive and paths keep their folder.
            String relative = (i % 2 == 0 ? "" : "sub/") + sources.get(i).getFileName();
            Files.copy(sources.get(i), photos.resolve(relative));
        }
        byte[] noise = new byte[2048];
        new Random(7L).nextBytes(noise);
        Files.write(photos.resolve("broken.jpg"), noise);
        Files.writeString(photos.resolve("notes.txt"), "not an image");
        index = tmp.resolve("index");

        firstIndexRun = CliRun.run(
                withModel("dinov2", "index", photos.toString(), "--index", index.toString(), "--batch", "8"));
        embedAll();
    }

    @Test
    void indexSucceedsAndListsTheUnreadableFile() {
        assertEquals(0, firstIndexRun.exitCode(), firstIndexRun::toString);
        String summary = firstIndexRun.out().lines().findFirst().orElseThrow();
        int found = embedded.size() + 1;
        assertTrue(
                summary.contains(found + " images found, " + embedded.size() + " embedded, 0 unchanged, 1 skipped"),
                summary);
        String skipped = firstIndexRun
                .out()
                .lines()
                .filter(l -> l.contains("skipped broken.jpg"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(firstIndexRun.out()));
        assertTrue(skipped.contains("not a supported image format"), skipped);
        assertTrue(!firstIndexRun.out().contains("notes.txt"), "a .txt is not an image: " + firstIndexRun.out());
    }

    @Test
    void indexingAgainEmbedsNothing() {
        CliRun again = CliRun.run(withModel("dinov2", "index", photos.toString(), "--index", index.toString()));

        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(
                again.out()
                        .contains(
                                (embedded.size() + 1) + " images found, 0 embedded, " + embedded.size() + " unchanged"),
                again.out());
    }

    @Test
    void infoCountsTheIndexedAndSkippedFiles() throws IOException {
        CliRun run = CliRun.run("index", "info", index.toString(), "--json");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode info = new ObjectMapper().readTree(run.out());
        assertEquals(embedded.size(), info.get("files").asInt());
        assertEquals(1, info.get("skipped_files").asInt());
        assertEquals(1, info.get("models").size());
        JsonNode model = info.get("models").get(0);
        assertEquals(MODEL, model.get("name").asText());
        assertEquals(embedded.size(), model.get("vectors").asInt());
        assertEquals(32, model.get("dimension").asInt());
        assertEquals("broken.jpg", info.get("skipped").get(0).get("path").asText());
    }

    @Test
    void searchJsonRanksAsBruteForceOverTheEmbedVectors() throws IOException {
        String queryName = embedded.keySet().stream()
                .filter(p -> p.startsWith("sub/"))
                .findFirst()
                .orElseThrow();
        Path query = photos.resolve(queryName);

        CliRun run = CliRun.run(withModel(
                "dinov2",
                "search",
                query.toString(),
                "--index",
                index.toString(),
                "-k",
                Integer.toString(K),
                "--json"));

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals(query.toString(), doc.get("query").asText());
        assertEquals(List.of(MODEL), names(doc.get("results")));
        JsonNode hits = doc.get("results").get(MODEL);
        assertEquals(K, hits.size());
        List<Double> bruteForce = bruteForceCosines(embedded.get(queryName));
        double previous = Double.POSITIVE_INFINITY;
        for (int i = 0; i < K; i++) {
            JsonNode hit = hits.get(i);
            assertEquals(List.of("rank", "path", "cosine", "distance", "score"), names(hit));
            assertEquals(i + 1, hit.get("rank").asInt());
            double cosine = hit.get("cosine").asDouble();
            assertTrue(cosine <= previous + 1e-12, "cosines must not increase: " + hits);
            previous = cosine;
            assertEquals(2 - 2 * cosine, hit.get("distance").asDouble(), 1e-5);
            assertEquals((cosine + 1) / 2, hit.get("score").asDouble(), 1e-9);
            String path = hit.get("path").asText();
            assertTrue(embedded.containsKey(path), "path relative to the indexed folder: " + path);
            assertEquals(CliFixtures.cosine(embedded.get(queryName), embedded.get(path)), cosine, 1e-5, path);
            assertEquals(bruteForce.get(i), cosine, 1e-5, "rank " + (i + 1));
        }
        assertEquals(queryName, hits.get(0).get("path").asText());
        assertEquals(1.0, hits.get(0).get("cosine").asDouble(), 1e-5);
    }

    @Test
    void searchWritesAnHtmlPage() throws IOException {
        String queryName = embedded.keySet().iterator().next();
        Path page = tmp.resolve("report").resolve("search.html");
        Files.createDirectories(page.getParent());

        CliRun run = CliRun.run(withModel(
                "dinov2",
                "search",
                photos.resolve(queryName).toString(),
                "--index",
                index.toString(),
                "--html",
                page.toString()));

        assertEquals(0, run.exitCode(), run::toString);
        String html = Files.readString(page);
        assertTrue(html.startsWith("<!DOCTYPE html>") || html.startsWith("<!doctype html>"), html.substring(0, 40));
        assertTrue(html.contains(queryName), "the page should show the best hit " + queryName);
        assertTrue(run.out().contains(queryName), run.out());
    }

    @Test
    void exportWritesAFaissFileOfTheIndexVectorsAndTheirPaths() throws IOException {
        Path faiss = tmp.resolve("export").resolve("dinov2.index");
        Path ids = tmp.resolve("export").resolve("ids.txt");
        Files.createDirectories(faiss.getParent());

        CliRun run = CliRun.run(
                "index",
                "export",
                index.toString(),
                "--model",
                MODEL,
                "--faiss",
                faiss.toString(),
                "--ids",
                ids.toString());

        assertEquals(0, run.exitCode(), run::toString);
        FaissFlatFile.Contents contents = FaissFlatFile.read(faiss);
        List<String> paths = Files.readAllLines(ids, StandardCharsets.UTF_8);
        StoredVectors stored;
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            stored = store.vectors(MODEL);
        }
        assertEquals(FaissFlatFile.Metric.L2, contents.metric());
        assertEquals(32, contents.dimension());
        assertEquals(embedded.size(), contents.count());
        assertArrayEquals(stored.data(), contents.vectors());
        assertEquals(stored.paths(), paths);
        assertEquals(embedded.keySet().stream().sorted().toList(), paths);
        for (int i = 0; i < paths.size(); i++) {
            float[] row = Arrays.copyOfRange(contents.vectors(), i * 32, (i + 1) * 32);
            float[] expected = embedded.get(paths.get(i));
            assertTrue(CliFixtures.maxRelativeError(expected, row) <= 1e-5, paths.get(i));
        }
        try (Stream<Path> files = Files.list(faiss.getParent())) {
            assertEquals(2, files.count(), "only the two outputs, no temporary files");
        }
    }

    /** Normalised vectors for every photo from {@code embed}, an independent route to the same model. */
    private static void embedAll() throws IOException {
        List<String> relative;
        try (Stream<Path> files = Files.walk(photos)) {
            relative = files.filter(f -> f.toString().endsWith(".jpg") && !f.endsWith("broken.jpg"))
                    .map(f -> photos.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
        Path out = tmp.resolve("embedded.npy");
        List<String> args = new ArrayList<>(List.of("embed", "--normalize", "--out", out.toString()));
        relative.forEach(r -> args.add(photos.resolve(r).toString()));
        CliRun run = CliRun.run(withModel("dinov2", args.toArray(String[]::new)));
        assertEquals(0, run.exitCode(), run::toString);
        NpyArray vectors = NpyArray.read(out);
        for (int i = 0; i < relative.size(); i++) {
            embedded.put(relative.get(i), Arrays.copyOfRange(vectors.data(), i * 32, (i + 1) * 32));
        }
    }

    private static List<Double> bruteForceCosines(float[] query) {
        return embedded.values().stream()
                .map(v -> CliFixtures.cosine(query, v))
                .sorted(Comparator.reverseOrder())
                .limit(K)
                .toList();
    }

    private static List<Path> sourcePhotos() {
        return SamplePhotos.first(PHOTOS);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
