package dev.lookalike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.image.SamplePhotos;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}: starts over an index with both tiny models, answers, stops when interrupted; start-up failures are exit codes. */
class ServeCommandTest {

    private static final Pattern SERVING =
            Pattern.compile("serving .* at (http://127\\.0\\.0\\.1:\\d+/) with (.*) \\(");

    @TempDir
    static Path home;

    private static Path index;
    private static Map<String, String> env;

    @BeforeAll
    static void indexSomePhotos() throws IOException {
        Path models = CliRun.FIXTURES.resolve("models").toAbsolutePath().normalize();
        Files.writeString(
                home.resolve("models.json"), """
                {"models": [
                  {"name": "clip-tiny", "dir": "%s", "onnx_file": "onnx/vision_model.onnx",
                   "output": "image_embeds", "pooling": "none", "dimension": 16},
                  {"name": "dinov2-tiny", "dir": "%s", "onnx_file": "onnx/model.onnx",
                   "output": "last_hidden_state", "pooling": "mean", "dimension": 32}
                ]}""".formatted(models.resolve("clip-tiny"), models.resolve("dinov2-tiny")));
        Path photos = Files.createDirectory(home.resolve("photos"));
        for (Path photo : SamplePhotos.first(6)) {
            Files.copy(photo, photos.resolve(photo.getFileName()));
        }
        env = Map.of("LOOKALIKE_HOME", home.toString());
        index = home.resolve("index");
        CliRun run = CliRun.run(
                env,
                "index",
                photos.toString(),
                "--index",
                index.toString(),
                "--models",
                "clip-tiny,dinov2-tiny",
                "--device",
                "cpu",
                "--threads",
                "1");
        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void servesTheIndexUntilInterrupted() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread serving = new Thread(() -> exit.set(LookalikeCommand.commandLine(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        Map.of("LOOKALIKE_HOME", home.toString(), "HF_HUB_OFFLINE", "1"))
                .execute("serve", "--index", index.toString(), "--port", "0", "--device", "cpu", "--threads", "1")));
        serving.start();
        Matcher started = SERVING.matcher("");
        for (int i = 0; i < 600 && serving.isAlive() && !started.find(0); i++) {
            Thread.sleep(100);
            started = SERVING.matcher(out.toString());
        }
        assertTrue(started.find(0), out + "\n" + err);
        URI base = URI.create(started.group(1));
        assertEquals("clip-tiny, dinov2-tiny", started.group(2));
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> index = client.send(
                HttpRequest.newBuilder(base.resolve("api/index")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, index.statusCode());
        assertTrue(index.body().contains("\"files\":6"), index.body());

        serving.interrupt();
        serving.join(20_000);
        assertFalse(serving.isAlive());
        assertEquals(0, exit.get(), err::toString);
        org.junit.jupiter.api.Assertions.assertThrows(
                ConnectException.class,
                () -> client.send(
                        HttpRequest.newBuilder(base.resolve("healthz")).build(), HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void startUpFailuresAreOneLineAndAnExitCode() {
        CliRun missing =
                CliRun.run(env, "serve", "--index", home.resolve("nothing").toString(), "--port", "0");
        assertEquals(1, missing.exitCode(), missing::toString);
        assertEquals(1, missing.errLines(), missing::toString);
        assertTrue(missing.err().contains("no such index"), missing.err());

        CliRun unknown = CliRun.run(env, "serve", "--index", index.toString(), "--models", "nope", "--port", "0");
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertEquals(1, unknown.errLines(), unknown::toString);

        CliRun badSize = CliRun.run(env, "serve", "--index", index.toString(), "--max-upload", "lots");
        assertEquals(2, badSize.exitCode(), badSize::toString);
        assertTrue(badSize.err().contains("--max-upload"), badSize.err());
    }

    @Test
    void solrBackendNeedsItsCollectionAndNoIndex() {
        CliRun noCollection = CliRun.run(env, "serve", "--solr", "http://127.0.0.1:1/solr", "--port", "0");
        assertEquals(ExitCode.USAGE, noCollection.exitCode(), noCollection::toString);
        assertEquals(1, noCollection.errLines(), noCollection::toString);
        assertTrue(noCollection.err().contains("--solr needs --collection"), noCollection.err());

        CliRun both = CliRun.run(
                env,
                "serve",
                "--index",
                index.toString(),
                "--solr",
                "http://127.0.0.1:1/solr",
                "--collection",
                "photos",
                "--port",
                "0");
        assertEquals(ExitCode.USAGE, both.exitCode(), both::toString);
        assertTrue(both.err().contains("either --index PATH or --solr"), both.err());

        CliRun neither = CliRun.run(env, "serve", "--port", "0");
        assertEquals(ExitCode.USAGE, neither.exitCode(), neither::toString);
        assertTrue(neither.err().contains("either --index PATH or --solr"), neither.err());
    }

    @Test
    void solrDownIsOneLineAndExitOne() throws IOException {
        String url = "http://127.0.0.1:" + closedPort() + "/solr";
        CliRun down = CliRun.run(env, "serve", "--solr", url, "--collection", "photos", "--port", "0");
        assertEquals(ExitCode.FAILED, down.exitCode(), down::toString);
        assertEquals(1, down.errLines(), down::toString);
        assertTrue(down.err().contains("cannot reach Solr at " + url), down.err());
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void sizesParse() {
        assertEquals(20L * 1024 * 1024, ServeCommand.parseSize("20MB"));
        assertEquals(512L * 1024, ServeCommand.parseSize("512kb"));
        assertEquals(1000, ServeCommand.parseSize("1000"));
        for (String bad : List.of("0", "-1MB", "MB", "1.5MB")) {
            org.junit.jupiter.api.Assertions.assertThrows(UsageException.class, () -> ServeCommand.parseSize(bad));
        }
    }
}
