package dev.lookalike.hub;

import static dev.lookalike.hub.ModelUnavailableException.Reason.CHECKSUM_MISMATCH;
import static dev.lookalike.hub.ModelUnavailableException.Reason.INCOMPLETE;
import static dev.lookalike.hub.ModelUnavailableException.Reason.NEEDS_TOKEN;
import static dev.lookalike.hub.ModelUnavailableException.Reason.NOT_FOUND;
import static dev.lookalike.hub.ModelUnavailableException.Reason.OFFLINE;
import static dev.lookalike.hub.ModelUnavailableException.Reason.UNREACHABLE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.progress.Progress;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.progress.ProgressUnit;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class ModelHubTest {

    private static final String REPO = "Xenova/dinov2-base";
    private static final String FILE = "onnx/model.onnx";
    private static final String PATH = "/" + REPO + "/resolve/main/" + FILE;
    private static final byte[] CONTENT = randomBytes(300_000, 42);
    private static final int HALF = CONTENT.length / 2;

    @TempDir
    Path cache;

    private HubTestServer hub;

    @BeforeEach
    void startServer() throws IOException {
        hub = HubTestServer.start();
    }

    @AfterEach
    void stopServer() {
        hub.close();
    }

    @Test
    void downloadsIntoTheDocumentedLayoutAndVerifiesTheLfsChecksum() throws IOException {
        hub.serve(REPO, FILE, CONTENT).lfs();

        Path path = hub(null, false).fetch(REPO, FILE);

        assertEquals(cache.resolve("Xenova/dinov2-base/main/onnx/model.onnx"), path);
        assertArrayEquals(CONTENT, Files.readAllBytes(path));
        assertFalse(Files.exists(part(path)));
        HubTestServer.Request request = hub.requestsFor(PATH).get(0);
        assertNull(request.header("Range"));
        assertNull(request.header("Authorization"));
    }

    @Test
    void fetchesAnotherRevisionFromItsOwnUrlIntoItsOwnDirectory() throws IOException {
        byte[] other = randomBytes(1000, 7);
        hub.serveAt("/" + REPO + "/resolve/v2/config.json", other);

        Path path = hub(null, false).fetch(REPO, "v2", "config.json");

        assertEquals(cache.resolve("Xenova/dinov2-base/v2/config.json"), path);
        assertArrayEquals(other, Files.readAllBytes(path));
    }

    @Test
    void followsARedirectAndVerifiesWithTheHeadersOfTheRedirect() throws IOException {
        hub.serveAt("/cdn/blob", CONTENT)
                .etag("\"0123456789abcdef0123456789abcdef\"")
                .requireToken("secret");
        hub.serve(REPO, FILE, CONTENT)
                .lfs()
                .redirectTo(hub.endpoint().resolve("/cdn/blob"))
                .requireToken("secret");

        Path path = hub("secret", false).fetch(REPO, FILE);

        assertArrayEquals(CONTENT, Files.readAllBytes(path));
        assertEquals(
                "Bearer secret",
                hub.requestsFor("/cdn/blob").get(0).header("Authorization"),
                "the token stays on a redirect within the hub's origin");
    }

    @Test
    void checksTheContentAgainstTheShaAnnouncedOnTheRedirect() {
        hub.serveAt("/cdn/blob", CONTENT);
        hub.serve(REPO, FILE, CONTENT)
                .lfs("cd".repeat(32))
                .redirectTo(hub.endpoint().resolve("/cdn/blob"));

        ModelUnavailableException e = assertThrows(
                ModelUnavailableException.class, () -> hub(null, false).fetch(REPO, FILE));

        assertEquals(CHECKSUM_MISMATCH, e.reason());
    }

    @Test
    void sendsTheTokenToTheHubButNotToACdnOnAnotherOrigin() throws IOException {
        try (HubTestServer cdn = HubTestServer.start()) {
            cdn.serveAt("/blob", CONTENT);
            hub.serve(REPO, FILE, CONTENT)
                    .lfs()
                    .redirectTo(cdn.endpoint().resolve("/blob"))
                    .requireToken("secret");

            Path path = hub("secret", false).fetch(REPO, FILE);

            assertArrayEquals(CONTENT, Files.readAllBytes(path));
            assertEquals("Bearer secret", hub.requestsFor(PATH).get(0).header("Authorization"));
            assertNull(cdn.requestsFor("/blob").get(0).header("Authorization"));
        }
    }

    @Test
    void resumesADroppedDownloadWithARangeRequest() throws IOException {
        hub.serve(REPO, FILE, CONTENT).lfs().dropAfter(HALF, 1);
        ModelHub modelHub = hub(null, false);

        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, () -> modelHub.fetch(REPO, FILE));
        assertEquals(INCOMPLETE, e.reason());
        Path target = modelHub.cachePath(REPO, "main", FILE);
        assertFalse(Files.exists(target), "nothing at the final path after a broken download");
        long saved = savedPartSize(target);

        Path path = modelHub.fetch(REPO, FILE);

        assertEquals("bytes=" + saved + "-", last(hub.requestsFor(PATH)).header("Range"));
        assertArrayEquals(CONTENT, Files.readAllBytes(path));
        assertFalse(Files.exists(part(path)));
    }

    @Test
    void reportsResumedProgressFromWhereThePartEnds() throws IOException {
        hub.serve(REPO, FILE, CONTENT).lfs().dropAfter(HALF, 1);
        RecordingReporter progress = new RecordingReporter();
        ModelHub modelHub = new ModelHub(settings(null, false), progress);
        assertThrows(ModelUnavailableException.class, () -> modelHub.fetch(REPO, FILE));
        long saved = savedPartSize(modelHub.cachePath(REPO, "main", FILE));

        modelHub.fetch(REPO, FILE);

        assertEquals(
                List.of("model.onnx 0/" + CONTENT.length, "model.onnx " + saved + "/" + CONTENT.length),
                progress.starts);
        assertEquals(CONTENT.length, progress.steps.get(), "bytes stepped over both runs");
    }

    @Test
    void startsOverWhenTheServerIgnoresTheRange() throws IOException {
        hub.serve(REPO, FILE, CONTENT).lfs().dropAfter(HALF, 1).ignoreRange();
        ModelHub modelHub = hub(null, false);
        assertThrows(ModelUnavailableException.class, () -> modelHub.fetch(REPO, FILE));
        long saved = savedPartSize(modelHub.cachePath(REPO, "main", FILE));

        Path path = modelHub.fetch(REPO, FILE);

        assertEquals("bytes=" + saved + "-", last(hub.requestsFor(PATH)).header("Range"));
        assertArrayEquals(CONTENT, Files.readAllBytes(path));
    }

    @Test
    void acceptsACompletePartWhenTheServerAnswers416() throws IOException {
        hub.serve(REPO, FILE, CONTENT).lfs();
        ModelHub modelHub = hub(null, false);
        Path target = modelHub.cachePath(REPO, "main", FILE);
        Files.createDirectories(target.getParent());
        Files.write(part(target), CONTENT);

        Path path = modelHub.fetch(REPO, FILE);

        assertEquals(
                "bytes=" + CONTENT.length + "-", last(hub.requestsFor(PATH)).header("Range"));
        assertArrayEquals(CONTENT, Files.readAllBytes(path));
    }

    @Test
    void startsOverWhenAPartIsLongerThanTheFile() throws IOException {
        hub.serve(REPO, FILE, CONTENT);
        ModelHub modelHub = hub(null, false);
        Path target = modelHub.cachePath(REPO, "main", FILE);
        Files.createDirectories(target.getParent());
        Files.write(part(target), randomBytes(CONTENT.length + 10, 3));

        Path path = modelHub.fetch(REPO, FILE);

        assertNull(last(hub.requestsFor(PATH)).header("Range"));
        assertArrayEquals(CONTENT, Files.readAllBytes(path));
    }

    @Test
    void deletesAndRefusesContentWithTheWrongChecksum() throws IOException {
        hub.serve(REPO, FILE, CONTENT).lfs("ab".repeat(32));
        ModelHub modelHub = hub(null, false);

        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, () -> modelHub.fetch(REPO, FILE));

        assertEquals(CHECKSUM_MISMATCH, e.reason());
        assertTrue(e.getMessage().contains("ab".repeat(32)), e.getMessage());
        Path target = modelHub.cachePath(REPO, "main", FILE);
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(part(target)));
    }

    @Test
    void neverCompletesAFileShorterThanTheAnnouncedSize() throws IOException {
        byte[] shortContent = Arrays.copyOf(CONTENT, HALF);
        hub.serve(REPO, FILE, shortContent).lfs(HubTestServer.sha256(CONTENT)).linkedSize(CONTENT.length);
        ModelHub modelHub = hub(null, false);

        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, () -> modelHub.fetch(REPO, FILE));

        assertEquals(INCOMPLETE, e.reason());
        assertFalse(Files.exists(modelHub.cachePath(REPO, "main", FILE)));
    }

    @Test
    void ignoresAnEtagThatIsNotASha256() throws IOException {
        hub.serve(REPO, "config.json", CONTENT).etag("\"" + "1".repeat(40) + "\"");

        assertArrayEquals(CONTENT, Files.readAllBytes(hub(null, false).fetch(REPO, "config.json")));
    }

    @Test
    void namesTheUrlAndTheWaysOutWhenNotFound() {
        ModelHub modelHub = hub(null, false);

        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, () -> modelHub.fetch(REPO, FILE));

        assertEquals(NOT_FOUND, e.reason());
        assertEquals(hub.endpoint().resolve(PATH), e.url());
        String message = e.getMessage();
        assertTrue(message.contains(hub.endpoint() + PATH) && message.contains("404"), message);
        assertTrue(
                message.contains("HF_ENDPOINT")
                        && message.contains("--model-dir")
                        && message.contains(
                                modelHub.cachePath(REPO, "main", FILE).toString()),
                message);
        assertFalse(message.contains("\n"), "one line");
    }

    @Test
    void suggestsHfTokenWhenUnauthorized() {
        hub.serve(REPO, FILE, CONTENT).requireToken("secret");

        ModelUnavailableException e = assertThrows(
                ModelUnavailableException.class, () -> hub(null, false).fetch(REPO, FILE));

        assertEquals(NEEDS_TOKEN, e.reason());
        assertTrue(e.getMessage().contains("set HF_TOKEN"), e.getMessage());
    }

    @Test
    void saysTheTokenWasRefusedWhenItIsWrong() {
        hub.serve(REPO, FILE, CONTENT).requireToken("secret");

        ModelUnavailableException e = assertThrows(
                ModelUnavailableException.class, () -> hub("wrong", false).fetch(REPO, FILE));

        assertEquals(NEEDS_TOKEN, e.reason());
        assertTrue(e.getMessage().contains("HF_TOKEN was refused"), e.getMessage());
        assertEquals("Bearer wrong", hub.requestsFor(PATH).get(0).header("Authorization"));
    }

    @Test
    void reportsAnUnreachableHub() {
        URI endpoint = hub.endpoint();
        hub.close();
        ModelHub modelHub = new ModelHub(new HubSettings(endpoint, Optional.empty(), false, cache));

        ModelUnavailableException e = assertThrows(ModelUnavailableException.class, () -> modelHub.fetch(REPO, FILE));

        assertEquals(UNREACHABLE, e.reason());
        assertTrue(e.getMessage().contains("cannot connect to 127.0.0.1"), e.getMessage());
    }

    @Test
    void usesTheCacheOfflineWithoutAnyRequest() throws IOException {
        ModelHub modelHub = hub(null, true);
        Path target = placeInCache(modelHub);

        assertEquals(target, modelHub.fetch(REPO, FILE));
        assertEquals(List.of(), hub.requests());
    }

    @Test
    void failsOfflineWithoutAnyRequestWhenNotCached() {
        hub.serve(REPO, FILE, CONTENT).lfs();

        ModelUnavailableException e = assertThrows(
                ModelUnavailableException.class, () -> hub(null, true).fetch(REPO, FILE));

        assertEquals(OFFLINE, e.reason());
        assertTrue(e.getMessage().contains("HF_HUB_OFFLINE"), e.getMessage());
        assertEquals(List.of(), hub.requests());
    }

    @Test
    void usesACachedFileWithoutAnyRequest() throws IOException {
        hub.serve(REPO, FILE, CONTENT).lfs();
        ModelHub modelHub = hub(null, false);
        Path target = placeInCache(modelHub);

        assertEquals(target, modelHub.fetch(REPO, FILE));
        assertEquals(List.of(), hub.requests());
    }

    @Test
    void concurrentFetchesDownloadOnceAndAgree() throws Exception {
        hub.serve(REPO, FILE, CONTENT).lfs();
        ModelHub modelHub = hub(null, false);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return modelHub.fetch(REPO, FILE);
                }));
            }
            go.countDown();
            for (Future<Path> result : results) {
                assertArrayEquals(CONTENT, Files.readAllBytes(result.get()));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, hub.requestsFor(PATH).size());
    }

    @Test
    void aSecondProcessWaitsForTheFirstInsteadOfDownloadingToo() throws Exception {
        HubTestServer.Served served = hub.serve(REPO, FILE, CONTENT).lfs().holdAfter(HALF);
        ModelHub modelHub = hub(null, false);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Path> first = pool.submit(() -> modelHub.fetch(REPO, FILE));
            while (hub.requestsFor(PATH).isEmpty()) {
                Thread.sleep(10);
            }
            FetchInAnotherProcess second = FetchInAnotherProcess.start(hub.endpoint(), cache, REPO, FILE);
            second.awaitStarted();
            second.awaitWaitingForTheLock(); // the first holds the lock until the server releases the rest
            served.release();

            assertArrayEquals(CONTENT, Files.readAllBytes(first.get()));
            assertEquals(first.get().toString(), second.result());
        } finally {
            served.release();
            pool.shutdownNow();
        }
        assertEquals(1, hub.requestsFor(PATH).size());
    }

    @Test
    void reportsAnUnwritableCacheAsALocalProblem() throws IOException {
        hub.serve(REPO, FILE, CONTENT).lfs();
        Path notADirectory = Files.writeString(cache.resolve("blocker"), "x");
        ModelHub modelHub = new ModelHub(new HubSettings(hub.endpoint(), Optional.empty(), false, notADirectory));

        IOException e = assertThrows(IOException.class, () -> modelHub.fetch(REPO, FILE));

        assertFalse(e instanceof ModelUnavailableException);
        assertTrue(e.getMessage().contains("cannot create the model cache directory " + notADirectory), e.getMessage());
    }

    @Test
    void refusesMalformedNamesNamingTheValue() {
        ModelHub modelHub = hub(null, false);
        String[][] cases = {
            {"../etc", "main", "f", "../etc"},
            {"a/b/c", "main", "f", "a/b/c"},
            {REPO, "refs/pr/1", "f", "refs/pr/1"},
            {REPO, "main", "onnx/../../x", "onnx/../../x"},
            {REPO, "main", "/abs", "/abs"},
            {REPO, "main", "model.onnx.part", "model.onnx.part"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> modelHub.fetch(c[0], c[1], c[2]));
            assertTrue(e.getMessage().endsWith(": " + c[3]), e.getMessage());
        }
        assertEquals(List.of(), hub.requests());
    }

    @Test
    void encodesFileNamesInTheUrl() {
        assertEquals(
                hub.endpoint() + "/" + REPO + "/resolve/main/onnx/my%20model%23.onnx",
                hub(null, false).url(REPO, "main", "onnx/my model#.onnx").toString());
    }

    private ModelHub hub(String token, boolean offline) {
        return new ModelHub(settings(token, offline));
    }

    private HubSettings settings(String token, boolean offline) {
        return new HubSettings(hub.endpoint(), Optional.ofNullable(token), offline, cache);
    }

    private Path placeInCache(ModelHub modelHub) throws IOException {
        Path target = modelHub.cachePath(REPO, "main", FILE);
        Files.createDirectories(target.getParent());
        return Files.write(target, CONTENT);
    }

    private static Path part(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Records what a download reports. */
    private static final class RecordingReporter implements ProgressReporter {

        final List<String> starts = new CopyOnWriteArrayList<>();
        final AtomicLong steps = new AtomicLong();

        @Override
        public Progress start(String task, long done, long total, ProgressUnit unit) {
            starts.add(task + " " + done + "/" + total);
            return new Progress() {
                @Override
                public void step(long n) {
                    steps.addAndGet(n);
                }

                @Override
                public void message(String extra) {}

                @Override
                public void close() {}
            };
        }
    }

    /**
     * The bytes kept from a dropped download: the server sent {@code HALF}, but bytes still in
     * flight when it closes the connection may never arrive, so the part holds at most that.
     */
    private static long savedPartSize(Path target) throws IOException {
        long saved = Files.size(part(target));
        assertTrue(saved > 0 && saved <= HALF, "part holds " + saved + " of the " + HALF + " bytes sent");
        return saved;
    }
}
