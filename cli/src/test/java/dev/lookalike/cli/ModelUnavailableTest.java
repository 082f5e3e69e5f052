package dev.lookalike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.hub.HubTestServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit code 3 and one line naming the model, the URL and the ways out when a model can't be had. */
class ModelUnavailableTest {

    private static final String CLIP_URL_PREFIX = "/Xenova/clip-vit-base-patch32/resolve/main/";

    @TempDir
    Path home;

    @Test
    void offlineWithAnEmptyCache() throws Exception {
        CliRun run = compareWithClip(Map.of("HF_HUB_OFFLINE", "1"));

        assertUnavailable(run, "https://huggingface.co" + CLIP_URL_PREFIX);
        assertTrue(run.err().contains("HF_HUB_OFFLINE"), run.err());
    }

    @Test
    void hubEndpointThatRefusesConnections() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        CliRun run = compareWithClip(Map.of("HF_ENDPOINT", "http://127.0.0.1:" + port));

        assertUnavailable(run, "http://127.0.0.1:" + port + CLIP_URL_PREFIX);
    }

    @Test
    void hubThatAnswers404() throws Exception {
        try (HubTestServer server = HubTestServer.start()) {
            CliRun run = compareWithClip(Map.of("HF_ENDPOINT", server.endpoint().toString()));

            assertUnavailable(run, server.endpoint() + CLIP_URL_PREFIX);
            assertTrue(run.err().contains("404"), run.err());
            assertFalse(server.requests().isEmpty(), "the hub was never asked");
        }
    }

    @Test
    void hubThatWantsATokenNobodyGave() throws Exception {
        try (HubTestServer server = HubTestServer.start()) {
            server.serve("Xenova/clip-vit-base-patch32", "config.json", "{}".getBytes())
                    .requireToken("secret");

            CliRun run = compareWithClip(Map.of("HF_ENDPOINT", server.endpoint().toString()));

            assertUnavailable(run, server.endpoint() + CLIP_URL_PREFIX);
            assertTrue(run.err().contains("401"), run.err());
        }
    }

    private CliRun compareWithClip(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("LOOKALIKE_HOME", home.toString());
        return CliRun.online(
                env,
                "--device",
                "cpu",
                "compare",
                CliFixtures.image("tiny.png").toString(),
                CliFixtures.image("one_pixel.png").toString(),
                "--models",
                "clip");
    }

    private void assertUnavailable(CliRun run, String urlPrefix) throws Exception {
        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(1, run.errLines(), run::toString);
        String line = run.err().strip();
        assertTrue(line.contains("Xenova/clip-vit-base-patch32"), line);
        assertTrue(line.contains(urlPrefix), line);
        assertTrue(
                line.contains("HF_ENDPOINT") && line.contains("--model-dir") && line.contains(home.toString()), line);
        assertFalse(line.contains("Exception"), line);
        assertEquals("", run.out());
        // Nothing half-downloaded may pose as a model file.
        try (Stream<Path> files = Files.walk(home)) {
            assertEquals(
                    0,
                    files.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().endsWith(".lock"))
                            .count(),
                    "files left in " + home);
        }
    }
}
