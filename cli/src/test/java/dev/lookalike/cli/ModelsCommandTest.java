package dev.lookalike.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.hub.HubSettings;
import dev.lookalike.hub.HubTestServer;
import dev.lookalike.hub.ModelHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code models list|info|pull} against an empty cache and a local stand-in for the hub. */
class ModelsCommandTest {

    private static final String CLIP_REPO = "Xenova/clip-vit-base-patch32";
    private static final List<String> CLIP_FILES =
            List.of("preprocessor_config.json", "config.json", "onnx/vision_model.onnx");
    private static final String TOKEN = "hf_testtoken";

    @TempDir
    Path home;

    @Test
    void listShowsTheBuiltInModelsAsNotCached() {
        CliRun run = CliRun.run(Map.of("LOOKALIKE_HOME", home.toString()), "models", "list");

        assertEquals(0, run.exitCode(), run::toString);
        String clip = line(run.out(), "clip ");
        String dinov2 = line(run.out(), "dinov2 ");
        assertTrue(clip.contains(CLIP_REPO) && clip.contains("onnx/vision_model.onnx") && clip.contains(" 512"), clip);
        assertTrue(dinov2.contains("Xenova/dinov2-base") && dinov2.contains("mean") && dinov2.contains(" 768"), dinov2);
        assertTrue(clip.endsWith("no") && dinov2.endsWith("no"), run.out());
    }

    @Test
    void infoOfAnUncachedModelSaysSoWithoutTouchingTheNetwork() {
        CliRun run = CliRun.run(Map.of("LOOKALIKE_HOME", home.toString()), "models", "info", "clip");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(
                run.out().contains("https://huggingface.co/" + CLIP_REPO + "/resolve/main/onnx/vision_model.onnx"),
                run.out());
        for (String file : CLIP_FILES) {
            assertTrue(line(run.out(), "file:      " + file).endsWith("not cached"), run.out());
        }
    }

    @Test
    void pullDownloadsIntoTheCacheOnceWithTheToken() throws Exception {
        try (HubTestServer server = HubTestServer.start()) {
            for (String file : CLIP_FILES) {
                HubTestServer.Served served =
                        server.serve(CLIP_REPO, file, fixture(file)).requireToken(TOKEN);
                if (file.endsWith(".onnx")) {
                    served.lfs();
                }
            }
            Map<String, String> env = Map.of(
                    "HF_ENDPOINT", server.endpoint().toString(), "LOOKALIKE_HOME", home.toString(), "HF_TOKEN", TOKEN);

            CliRun first = CliRun.online(env, "models", "pull", "clip");

            assertEquals(0, first.exitCode(), first::toString);
            ModelHub hub = new ModelHub(HubSettings.fromEnvironment(null, env));
            for (String file : CLIP_FILES) {
                Path cached = hub.cachePath(CLIP_REPO, ModelHub.DEFAULT_REVISION, file);
                assertTrue(cached.startsWith(home), cached.toString());
                assertArrayEquals(fixture(file), Files.readAllBytes(cached), file);
            }
            List<HubTestServer.Request> requests = server.requests();
            assertEquals(
                    CLIP_FILES.size(),
                    requests.stream().filter(r -> r.method().equals("GET")).count(),
                    requests.toString());
            requests.forEach(r -> assertEquals("Bearer " + TOKEN, r.header("Authorization"), r.path()));

            CliRun second = CliRun.online(env, "models", "pull", "clip");

            assertEquals(0, second.exitCode(), second::toString);
            assertEquals(requests.size(), server.requests().size(), "a second pull must not ask the hub again");
            CliRun info = CliRun.online(env, "models", "info", "clip");
            String onnx = line(info.out(), "file:      onnx/vision_model.onnx");
            assertTrue(onnx.contains(Files.size(CliFixtures.CLIP.resolve("onnx/vision_model.onnx")) + " bytes"), onnx);
            assertTrue(line(CliRun.online(env, "models", "list").out(), "clip ").endsWith("yes"));
        }
    }

    private static byte[] fixture(String file) throws Exception {
        return Files.readAllBytes(CliFixtures.CLIP.resolve(file));
    }

    private static String line(String text, String prefix) {
        return text.lines()
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + text))
                .strip();
    }
}
