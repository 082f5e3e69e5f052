package dev.lookalike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookalike.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code search --text}, {@code compare --text}, {@code embed --text} and {@code classify} with the tiny CLIP. */
class TextCommandsTest {

    /** The project's own sample photos (samples/coco), as the tests see them from the cli module's folder. */
    private static final Path SAMPLES = Path.of("..", "samples", "coco");

    private static final int PHOTOS = 10;

    @TempDir
    static Path dir;

    static Path home;
    static Path index;
    static List<Path> photos;

    @BeforeAll
    static void indexPhotos() throws IOException {
        home = TinyCatalog.home(dir.resolve("home"));
        try (Stream<Path> files = Files.list(SAMPLES)) {
            photos = files.filter(p -> p.toString().endsWith(".jpg"))
                    .sorted()
                    .limit(PHOTOS)
                    .toList();
        }
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
        all.addAll(List.of("--home", home.toString(), "--device", "cpu", "--threads", "1"));
        return CliRun.run(all.toArray(String[]::new));
    }

    @Test
    void searchByTextRanksAsTheCosinesOfEmbedsVectors() throws IOException {
        String text = "a red bus at night";
        CliRun run = run(
                "search",
                "--text",
                text,
                "--index",
                index.toString(),
                "--models",
                "tclip",
                "-k",
                "" + PHOTOS,
                "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals(text, doc.get("query").asText());
        JsonNode hits = doc.get("results").get("tclip");
        float[] query = embedText(text);
        List<String> paths = new ArrayList<>();
        List<Double> cosines = new ArrayList<>();
        for (Path photo : photos) {
            paths.add(photo.getFileName().toString());
            cosines.add(CliFixtures.cosine(query, embedImage(photo)));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < PHOTOS; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -cosines.get(i)).thenComparing(paths::get));
        assertEquals(PHOTOS, hits.size());
        for (int r = 0; r < PHOTOS; r++) {
            assertEquals(paths.get(order.get(r)), hits.get(r).get("path").asText(), "rank " + (r + 1));
            assertEquals(cosines.get(order.get(r)), hits.get(r).get("cosine").doubleValue(), 1e-5);
        }
    }

    @Test
    void modelsWithoutATextSideAreLeftOutWithANote() throws IOException {
        Path page = dir.resolve("text.html");
        CliRun run =
                run("search", "--text", "a cat", "--index", index.toString(), "-k", "3", "--html", page.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("model tdino has no text side: left out"), run.err());
        assertTrue(run.out().contains("tclip") && !run.out().contains("tdino"), run.out());
        String html = Files.readString(page);
        assertTrue(html.contains("<p class=\"query-text\">a cat</p>"), html);
    }

    @Test
    void aTextQueryWithNoModelThatHasATextSideIsAUsageError() {
        CliRun run = run("search", "--text", "a cat", "--index", index.toString(), "--models", "tdino");
        assertEquals(ExitCode.USAGE, run.exitCode(), run.toString());
        assertTrue(run.err().contains("none of the models tdino has a text side"), run.err());
        assertEquals(2, run.errLines(), "the note and the error: " + run.err());
    }

    @Test
    void emptyTextIsAUsageError() {
        for (String empty : List.of("", "   ")) {
            CliRun run = run("search", "--text", empty, "--index", index.toString());
            assertEquals(ExitCode.USAGE, run.exitCode(), run.toString());
            assertEquals(1, run.errLines(), run.err());
            assertTrue(run.err().contains("--text is empty"), run.err());
        }
        assertEquals(
                ExitCode.USAGE,
                run(
                                "embed",
                                "--text",
                                "",
                                "--model",
                                "tclip",
                                "--out",
                                dir.resolve("e.npy").toString())
                        .exitCode());
        assertEquals(
                ExitCode.USAGE,
                run("compare", "--text", " ", photos.get(0).toString()).exitCode());
    }

    @Test
    void anImageAndATextTogetherAreAUsageError() {
        CliRun run = run("search", photos.get(0).toString(), "--text", "a cat", "--index", index.toString());
        assertEquals(ExitCode.USAGE, run.exitCode(), run.toString());
        assertTrue(run.err().contains("not both"), run.err());
    }

    @Test
    void aTextOverSeventySevenTokensIsTruncatedWithANote() throws IOException {
        String longText = "a photo of a bus " + "and a cat ".repeat(40);
        CliRun run = run("search", "--text", longText, "--index", index.toString(), "--models", "tclip");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("more than 77 tokens for tclip: only the first 75 were read"), run.err());
        CliRun embed = run(
                "embed",
                "--text",
                longText,
                "--text",
                "a bus",
                "--model",
                "tclip",
                "--out",
                dir.resolve("long.npy").toString());
        assertEquals(0, embed.exitCode(), embed.err());
        assertTrue(embed.err().contains("text 1 has more than 77 tokens"), embed.err());
        assertFalse(embed.err().contains("text 2"), embed.err());
    }

    @Test
    void embedTextWritesPyTorchsVectors() throws IOException {
        JsonNode queries = new ObjectMapper()
                .readTree(CliRun.FIXTURES.resolve("text/queries.json").toFile());
        NpyArray reference = NpyArray.read(CliRun.FIXTURES.resolve("embeddings/clip-text/queries.npy"));
        Path out = dir.resolve("texts.npy");
        CliRun run = run(
                "embed",
                "--text",
                queries.get(0).get("text").asText(),
                "--text",
                queries.get(3).get("text").asText(),
                "--model",
                "tclip",
                "--out",
                out.toString());
        assertEquals(0, run.exitCode(), run.err());
        NpyArray written = NpyArray.read(out);
        assertEquals(List.of(2, 16), List.of(written.shape()[0], written.shape()[1]));
        int[] rows = {0, 3};
        for (int i = 0; i < 2; i++) {
            for (int d = 0; d < 16; d++) {
                float expected = reference.data()[rows[i] * 16 + d];
                assertEquals(expected, written.data()[i * 16 + d], 1e-4 * Math.abs(expected) + 1e-5);
            }
        }
    }

    @Test
    void compareTextGivesTheCosineOfTheTwoVectors() throws IOException {
        Path photo = photos.get(3);
        CliRun run = run("compare", "--text", "a bus", photo.toString(), "--models", "tclip,tdino", "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("model tdino has no text side"), run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals("a bus", doc.get("text").asText());
        assertEquals(photo.toString(), doc.get("image").asText());
        JsonNode row = doc.get("results").get(0);
        assertEquals("tclip", row.get("model").asText());
        double cosine = CliFixtures.cosine(embedText("a bus"), embedImage(photo));
        assertEquals(cosine, row.get("cosine").doubleValue(), 1e-5);
        assertEquals((cosine + 1) / 2, row.get("score").doubleValue(), 1e-5);
        assertEquals(
                ExitCode.USAGE,
                run("compare", "--text", "a bus", photo.toString(), photo.toString())
                        .exitCode());
    }

    @Test
    void classifyGivesEachImageALabelDistribution() throws IOException {
        CliRun run = run(
                "classify",
                photos.get(0).toString(),
                photos.get(1).toString(),
                "--labels",
                "cat,dog,a bus",
                "--model",
                "tclip",
                "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals(100.0, doc.get("logit_scale").doubleValue());
        assertEquals("a photo of a {}", doc.get("template").asText());
        assertEquals(2, doc.get("images").size());
        for (JsonNode image : doc.get("images")) {
            double sum = 0;
            double previous = 1;
            List<String> seen = new ArrayList<>();
            for (JsonNode label : image.get("labels")) {
                sum += label.get("probability").doubleValue();
                assertTrue(label.get("probability").doubleValue() <= previous);
                previous = label.get("probability").doubleValue();
                seen.add(label.get("label").asText());
                assertEquals(
                        "a photo of a " + label.get("label").asText(),
                        label.get("prompt").asText());
            }
            assertEquals(1.0, sum, 1e-9);
            assertEquals(List.of("a bus", "cat", "dog"), seen.stream().sorted().toList());
        }
        CliRun table = run(
                "classify",
                photos.get(0).toString(),
                "--labels",
                "cat,dog",
                "--model",
                "tclip",
                "--template",
                "a picture of the {}");
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().startsWith(photos.get(0).toString()), table.out());
    }

    @Test
    void classifyRefusesBadLabelsTemplatesAndModelsWithoutText() {
        String photo = photos.get(0).toString();
        assertEquals(
                ExitCode.USAGE,
                run("classify", photo, "--labels", "cat,,dog", "--model", "tclip")
                        .exitCode());
        assertEquals(
                ExitCode.USAGE,
                run("classify", photo, "--labels", "cat,cat", "--model", "tclip")
                        .exitCode());
        CliRun template = run("classify", photo, "--labels", "cat,dog", "--model", "tclip", "--template", "a photo");
        assertEquals(ExitCode.USAGE, template.exitCode());
        assertTrue(template.err().contains("has no {}"), template.err());
        CliRun dino = run("classify", photo, "--labels", "cat,dog", "--model", "tdino");
        assertEquals(ExitCode.USAGE, dino.exitCode());
        assertTrue(dino.err().contains("has a text side"), dino.err());
    }

    private static float[] embedText(String text) throws IOException {
        Path out = Files.createTempFile(dir, "text", ".npy");
        CliRun run = run("embed", "--text", text, "--model", "tclip", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        return NpyArray.read(out).data();
    }

    private static float[] embedImage(Path photo) throws IOException {
        Path out = Files.createTempFile(dir, "image", ".npy");
        CliRun run = run("embed", photo.toString(), "--model", "tclip", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        return NpyArray.read(out).data();
    }
}
