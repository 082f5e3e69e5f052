package dev.lookalike.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookalike.hash.PerceptualHash;
import dev.lookalike.image.SamplePhotos;
import dev.lookalike.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code phash} model through the commands, alone and beside the tiny ONNX models (declared by
 * name in {@code HOME/models.json}), checked against ImageHash's hashes made with PIL and scipy by
 * tools/fixtures/make_phash_fixtures.py.
 */
class PhashCommandTest {

    private static final String A = "000000001503.jpg";
    private static final String B = "000000005586_png.png";
    /** ImageHash's hash of each fixture image (by stem) and COCO photo (by file name). */
    private static final Map<String, Long> REFERENCE = new HashMap<>();

    @TempDir
    static Path home;

    @TempDir
    static Path tmp;

    private static Map<String, String> env;

    @BeforeAll
    static void declareTinyModels() throws IOException {
        Files.writeString(home.resolve("models.json"), """
                {"models": [
                  {"name": "tiny-clip", "dir": "%s", "onnx_file": "onnx/vision_model.onnx",
                   "output": "image_embeds", "pooling": "none", "dimension": 16},
                  {"name": "tiny-dinov2", "dir": "%s", "onnx_file": "onnx/model.onnx",
                   "output": "last_hidden_state", "pooling": "mean", "dimension": 32}
                ]}
                """.formatted(
                        CliFixtures.CLIP.toAbsolutePath(), CliFixtures.DINOV2.toAbsolutePath()));
        env = Map.of("LOOKALIKE_HOME", home.toString());
        for (String csv : List.of("fixtures.csv", "coco.csv")) {
            Files.readAllLines(CliRun.FIXTURES.resolve("phash").resolve(csv)).stream()
                    .skip(1)
                    .forEach(line -> {
                        String[] cells = line.split(",");
                        REFERENCE.put(Path.of(cells[0]).getFileName().toString(), PerceptualHash.parseHex(cells[1]));
                    });
        }
    }

    @Test
    void modelsListShowsPhashAsAlwaysAvailable() {
        CliRun run = CliRun.run(env, "models", "list");

        assertEquals(0, run.exitCode(), run::toString);
        String row = line(run.out(), "phash ");
        assertTrue(row.contains("computed") && row.contains(" 64") && row.endsWith("always"), row);
    }

    @Test
    void modelsInfoDescribesTheAlgorithmAndPullNeedsNothing() {
        CliRun info = CliRun.run(env, "models", "info", "phash");
        CliRun pull = CliRun.run(env, "models", "pull", "phash");

        assertEquals(0, info.exitCode(), info::toString);
        assertTrue(line(info.out(), "algorithm:").contains("DCT"), info.out());
        assertTrue(line(info.out(), "dimension:").endsWith("64"), info.out());
        assertEquals(0, pull.exitCode(), pull::toString);
        assertTrue(pull.err().contains("phash: computed by lookalike, nothing to download"), pull.err());
    }

    @Test
    void compareBesideTinyClipGivesTheHammingScore() throws IOException {
        String a = CliFixtures.image(A).toString();
        String b = CliFixtures.image(B).toString();

        CliRun run = CliRun.run(
                env, "compare", a, b, "--models", "tiny-clip,phash", "--json", "--device", "cpu", "--threads", "1");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode results = new ObjectMapper().readTree(run.out()).get("results");
        assertEquals(2, results.size());
        assertEquals("tiny-clip", results.get(0).get("model").asText());
        assertEquals(
                CliFixtures.cosine(
                        CliFixtures.reference("clip", "000000001503"),
                        CliFixtures.reference("clip", "000000005586_png")),
                results.get(0).get("cosine").asDouble(),
                1e-5);
        JsonNode phash = results.get(1);
        assertEquals("phash", phash.get("model").asText());
        int hamming = PerceptualHash.hamming(REFERENCE.get("000000001503"), REFERENCE.get("000000005586_png"));
        assertTrue(hamming > 0, "the two photos differ");
        assertEquals(hamming, phash.get("hamming").asInt());
        assertEquals(1 - 2.0 * hamming / 64, phash.get("cosine").asDouble(), 1e-12);
        assertEquals(1 - hamming / 64.0, phash.get("score").asDouble(), 1e-12);
    }

    @Test
    void embedWritesTheHashesAsPlusMinusOne() throws IOException {
        List<String> files = List.of("000000001503.jpg", "000000005586_png.png", "palette.png", "gray.png");
        List<String> args = new ArrayList<>(List.of("embed"));
        files.forEach(file -> args.add(CliFixtures.image(file).toString()));
        Path out = tmp.resolve("phash.npy");
        args.addAll(List.of("--model", "phash", "--out", out.toString()));

        CliRun run = CliRun.run(env, args.toArray(String[]::new));

        assertEquals(0, run.exitCode(), run::toString);
        NpyArray vectors = NpyArray.read(out);
        assertArrayEquals(new int[] {files.size(), 64}, vectors.shape());
        for (int i = 0; i < files.size(); i++) {
            String stem = files.get(i).substring(0, files.get(i).lastIndexOf('.'));
            float[] row = Arrays.copyOfRange(vectors.data(), i * 64, (i + 1) * 64);
            assertArrayEquals(PerceptualHash.toVector(REFERENCE.get(stem)), row, files.get(i));
        }
    }

    @Test
    void indexWithThreeModelsThenSearchWithPhashRanksByHammingDistance() throws IOException {
        Path photos = Files.createDirectory(tmp.resolve("photos"));
        List<Path> sources = SamplePhotos.first(10);
        for (Path source : sources) {
            Files.write(photos.resolve(source.getFileName().toString()), Files.readAllBytes(source));
        }
        Path index = tmp.resolve("index");

        CliRun indexed = CliRun.run(
                env,
                "index",
                photos.toString(),
                "--index",
                index.toString(),
                "--models",
                "tiny-clip,tiny-dinov2,phash",
                "--batch",
                "4",
                "--device",
                "cpu",
                "--threads",
                "1");

        assertEquals(0, indexed.exitCode(), indexed::toString);
        assertTrue(indexed.out().contains("10 images found, 10 embedded"), indexed.out());
        JsonNode info = new ObjectMapper()
                .readTree(CliRun.run(env, "index", "info", index.toString(), "--json")
                        .out());
        assertEquals(List.of("phash", "tiny-clip", "tiny-dinov2"), names(info.get("models")));

        String query = sources.get(4).getFileName().toString();
        CliRun search = CliRun.run(
                env,
                "search",
                photos.resolve(query).toString(),
                "--index",
                index.toString(),
                "--models",
                "phash",
                "-k",
                "10",
                "--json");

        assertEquals(0, search.exitCode(), search::toString);
        JsonNode hits = new ObjectMapper().readTree(search.out()).get("results").get("phash");
        assertEquals(10, hits.size());
        assertEquals(query, hits.get(0).get("path").asText());
        int previous = -1;
        for (JsonNode hit : hits) {
            int hamming = PerceptualHash.hamming(
                    REFERENCE.get(query), REFERENCE.get(hit.get("path").asText()));
            assertTrue(hamming >= previous, "ranked by Hamming distance: " + hits);
            previous = hamming;
            assertEquals(1 - 2.0 * hamming / 64, hit.get("cosine").asDouble(), 1e-6, hit.toString());
            assertEquals(1 - hamming / 64.0, hit.get("score").asDouble(), 1e-6, hit.toString());
        }
    }

    @Test
    void preprocessOfAComputedModelIsAUsageError() {
        CliRun run = CliRun.run(
                env,
                "preprocess",
                CliFixtures.image(A).toString(),
                "--model",
                "phash",
                "--out",
                tmp.resolve("x.npy").toString());

        assertEquals(ExitCode.USAGE, run.exitCode(), run::toString);
        assertEquals(1, run.errLines(), run.err());
        assertTrue(run.err().contains("phash is computed"), run.err());
    }

    private static List<String> names(JsonNode models) {
        List<String> names = new ArrayList<>();
        models.forEach(model -> names.add(model.get("name").asText()));
        return names;
    }

    private static String line(String text, String prefix) {
        return text.lines()
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + text))
                .strip();
    }
}
