package dev.lookalike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.hub.HubTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job end to end, against a hub on 127.0.0.1 that serves the tiny fixture
 * models, declared by name in {@code HOME/models.json} (the real CLIP and DINOv2 can't be
 * downloaded here).
 */
class DemoCommandTest {

    private static final Path SAMPLES = Path.of("..", "samples", "coco");
    private static final String CATALOG = """
            {"models": [
              {"name": "tiny-clip", "repo": "test/clip-tiny", "onnx_file": "onnx/vision_model.onnx",
               "output": "image_embeds", "pooling": "none", "dimension": 16},
              {"name": "tiny-dinov2", "repo": "test/dinov2-tiny", "onnx_file": "onnx/model.onnx",
               "output": "last_hidden_state", "pooling": "mean", "dimension": 32}
            ]}
            """;

    @TempDir
    Path home;

    @Test
    void pullsIndexesSearchesAndWritesThePageThenResumesWithoutWork() throws IOException {
        Files.writeString(home.resolve("models.json"), CATALOG);
        try (HubTestServer hub = HubTestServer.start()) {
            serveModel(hub, "test/clip-tiny", "clip-tiny");
            serveModel(hub, "test/dinov2-tiny", "dinov2-tiny");
            Map<String, String> env = Map.of(
                    "HF_ENDPOINT", hub.endpoint().toString(), "HF_HUB_OFFLINE", "0", "LOOKALIKE_HOME", home.toString());

            CliRun first =
                    CliRun.run(env, "demo", "--models", "tiny-clip,tiny-dinov2", "--samples", SAMPLES.toString());

            assertEquals(0, first.exitCode(), first.err());
            Path page = home.resolve("demo").resolve("demo.html");
            assertTrue(first.out().contains(page.toAbsolutePath().toString()), first.out());
            String html = Files.readString(page);
            assertEquals(3, count(html, "Query "), "three queries on the page");
            assertTrue(html.contains("tiny-clip") && html.contains("tiny-dinov2"));
            assertTrue(
                    first.err().contains("indexed 32 photos") && first.err().contains("32 embedded now"), first.err());
            // The query photos are indexed, so each finds itself first with both models.
            for (String block : first.out().split("query: ")) {
                if (block.isBlank() || block.startsWith("Open ")) {
                    continue;
                }
                String query = Path.of(block.lines().findFirst().orElseThrow().strip())
                        .getFileName()
                        .toString();
                String rankOne = block.lines()
                        .filter(line -> line.startsWith("1 "))
                        .findFirst()
                        .orElseThrow();
                assertEquals(
                        2, rankOne.split(java.util.regex.Pattern.quote(query) + " +100\\.0%", -1).length - 1, rankOne);
            }
            int requests = hub.requests().size();

            CliRun second =
                    CliRun.run(env, "demo", "--models", "tiny-clip,tiny-dinov2", "--samples", SAMPLES.toString());

            assertEquals(0, second.exitCode(), second.err());
            assertTrue(second.err().contains("0 embedded now, 32 already indexed"), second.err());
            assertEquals(requests, hub.requests().size(), "the second run uses the cache only");
        }
    }

    @Test
    void withoutTheHubItSaysWhichModelIsMissingAndExits3() {
        CliRun run = CliRun.run(Map.of("HF_HUB_OFFLINE", "1", "LOOKALIKE_HOME", home.toString()), "demo");

        assertEquals(ExitCode.MODEL_UNAVAILABLE, run.exitCode(), run.err());
        List<String> errors =
                run.err().lines().filter(line -> line.startsWith("lookalike: ")).toList();
        assertEquals(1, errors.size(), run.err());
        assertTrue(
                errors.get(0).contains("Xenova/clip-vit-base-patch32")
                        && errors.get(0).contains("HF_ENDPOINT"),
                run.err());
        assertTrue(run.err().lines().noneMatch(line -> line.strip().startsWith("at ")), "no stack trace: " + run.err());
    }

    private static void serveModel(HubTestServer hub, String repo, String fixture) throws IOException {
        Path dir = CliRun.FIXTURES.resolve("models").resolve(fixture);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            String name =
                    dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            hub.serve(repo, name, Files.readAllBytes(file)).lfs();
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
