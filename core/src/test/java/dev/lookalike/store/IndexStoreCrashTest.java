package dev.lookalike.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real writing process with SIGKILL half-way through a batch, after a seeded number of committed batches
 * it reports, then checks that exactly those batches survive, recovery and resumption.
 */
class IndexStoreCrashTest {

    private static final int FILES = 6000;
    private static final int BATCH = 16;
    private static final int KILLS = 6;

    @TempDir
    Path tmp;

    @Test
    void killedWriterLosesAtMostItsBatchAndResumesToTheUninterruptedResult() throws Exception {
        Path killed = tmp.resolve("killed");
        Random random = new Random(20260311L);
        int committed = 0;
        for (int round = 0; round < KILLS; round++) {
            int batches = 1 + random.nextInt(40); // 6 rounds of at most 40 batches of 16: always mid-run
            Child child = Child.start(tmp, killed, batches);
            int reported = child.awaitStop();
            assertEquals(committed + batches * BATCH, reported);
            if (round == 0) {
                assertThrows(IndexLockedException.class, () -> IndexStore.open(killed, IndexStore.Access.READ_WRITE));
            }
            if (round == 1) {
                readWhileWriting(killed);
            }
            child.process.destroyForcibly().waitFor();
            // Odd rounds recover through a reader: it must see the committed log without writing anything first.
            IndexStore.Access access = round % 2 == 0 ? IndexStore.Access.READ_WRITE : IndexStore.Access.READ_ONLY;
            assertEquals(
                    reported,
                    checkRecovered(killed, access),
                    "killed half-way through a batch: exactly the committed batches survive");
            committed = reported;
        }

        Child last = Child.start(tmp, killed, -1);
        assertEquals(0, last.process.waitFor(), "the resumed run failed");
        Path reference = tmp.resolve("reference");
        CrashWriterMain.run(reference, FILES, BATCH, done -> {});
        assertSameContent(reference, killed);
    }

    /** Opens the killed index, checks its invariants and the expected content; returns how many files it holds. */
    private static int checkRecovered(Path dir, IndexStore.Access access) throws IOException {
        try (IndexStore store = IndexStore.open(dir, access)) {
            store.verify();
            Map<String, StoredFile> files = store.files();
            int stored = files.size();
            for (int i = 0; i < stored; i++) {
                StoredFile file = files.get(StoreFixtures.path(i));
                assertEquals(StoreFixtures.skipped(i) ? 0 : 2, file.models().size(), StoreFixtures.path(i));
            }
            return stored;
        }
    }

    private static void readWhileWriting(Path dir) throws IOException {
        try (IndexStore reader = IndexStore.open(dir, IndexStore.Access.READ_ONLY)) {
            StoredVectors vectors = reader.vectors(StoreFixtures.CLIP);
            assertEquals(vectors.count() * 16, vectors.data().length);
            reader.verify();
        }
    }

    private static void assertSameContent(Path expected, Path actual) throws IOException {
        try (IndexStore a = IndexStore.open(expected, IndexStore.Access.READ_ONLY);
                IndexStore b = IndexStore.open(actual, IndexStore.Access.READ_ONLY)) {
            b.verify();
            assertEquals(a.files(), b.files());
            assertEquals(FILES, b.files().size());
            for (String model : List.of("clip", "dinov2")) {
                StoredVectors va = a.vectors(model);
                StoredVectors vb = b.vectors(model);
                assertEquals(va.paths(), vb.paths());
                assertArrayEquals(va.data(), vb.data());
            }
            IndexSummary sa = a.info();
            IndexSummary sb = b.info();
            assertEquals(sa.okFiles(), sb.okFiles());
            assertEquals(sa.skipped(), sb.skipped());
        }
    }

    /** A {@link CrashWriterMain} process and what it reports on its standard output. */
    private record Child(Process process, BufferedReader reports) {

        /** Starts a writer that stops after {@code batches} batches of this run (negative: never). */
        static Child start(Path tmp, Path dir, int batches) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = new ArrayList<>(List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    "--enable-native-access=ALL-UNNAMED",
                    "-Dorg.sqlite.tmpdir=" + tmp,
                    CrashWriterMain.class.getName(),
                    dir.toString(),
                    Integer.toString(FILES),
                    Integer.toString(BATCH),
                    Integer.toString(batches)));
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(
                            tmp.resolve("child.err").toFile()))
                    .start();
            return new Child(
                    process,
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
        }

        /** Reads the reports until the child says it stopped; returns the files it had committed then. */
        int awaitStop() throws IOException {
            for (String line; (line = reports.readLine()) != null; ) {
                if (line.startsWith("stopped ")) {
                    return Integer.parseInt(line.substring("stopped ".length()));
                }
            }
            throw new AssertionError("the child ended without stopping (exit "
                    + process.onExit().join().exitValue() + ")");
        }
    }
}
