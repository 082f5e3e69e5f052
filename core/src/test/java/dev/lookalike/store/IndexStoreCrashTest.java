package dev.lookalike.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a real writing process with SIGKILL at seeded random moments, then checks recovery and resumption. */
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
        int interrupted = 0;
        for (int round = 0; round < KILLS; round++) {
            Child child = Child.start(tmp, killed);
            child.awaitFirstCommit();
            if (round == 0) {
                assertThrows(IndexLockedException.class, () -> IndexStore.open(killed, IndexStore.Access.READ_WRITE));
            }
            if (round == 1) {
                readWhileWriting(killed);
            }
            Thread.sleep(random.nextInt(400));
            child.process.destroyForcibly().waitFor();
            int reported = child.reported.get();
            // Odd rounds recover through a reader: it must see the committed log without writing anything first.
            IndexStore.Access access = round % 2 == 0 ? IndexStore.Access.READ_WRITE : IndexStore.Access.READ_ONLY;
            int stored = checkRecovered(killed, access, committed, reported);
            interrupted += stored < FILES ? 1 : 0;
            committed = stored;
        }
        assertTrue(interrupted >= KILLS / 2, "too few kills landed mid-run: " + interrupted);

        Child last = Child.start(tmp, killed);
        assertEquals(0, last.process.waitFor(), "the resumed run failed");
        Path reference = tmp.resolve("reference");
        CrashWriterMain.run(reference, FILES, BATCH, done -> { });
        assertSameContent(reference, killed);
    }

    /** Opens the killed index, checks its invariants and that it holds whole batches of the expected content. */
    private static int checkRecovered(Path dir, IndexStore.Access access, int before, int reported)
            throws IOException {
        try (IndexStore store = IndexStore.open(dir, access)) {
            store.verify();
            Map<String, StoredFile> files = store.files();
            int stored = files.size();
            assertTrue(stored >= reported, "lost committed work: " + stored + " stored, " + reported + " reported");
            assertTrue(stored == FILES || (stored - before) % BATCH == 0,
                    "a partial batch survived: " + before + " -> " + stored);
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

    /** A {@link CrashWriterMain} process and the last count it reported as committed. */
    private record Child(Process process, AtomicInteger reported, CountDownLatch firstCommit) {

        static Child start(Path tmp, Path dir) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = new ArrayList<>(List.of(java.toString(),
                    "-cp", System.getProperty("java.class.path"),
                    "--enable-native-access=ALL-UNNAMED", "-Dorg.sqlite.tmpdir=" + tmp,
                    CrashWriterMain.class.getName(), dir.toString(), Integer.toString(FILES), Integer.toString(BATCH)));
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(tmp.resolve("child.err").toFile())).start();
            Child child = new Child(process, new AtomicInteger(), new CountDownLatch(1));
            Thread.ofVirtual().start(child::readReports);
            return child;
        }

        private void readReports() {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    reported.set(Integer.parseInt(line.substring("committed ".length())));
                    firstCommit.countDown();
                }
            } catch (IOException e) {
                // The process was killed mid-line: the last whole report stands.
            }
        }

        void awaitFirstCommit() throws InterruptedException {
            assertTrue(firstCommit.await(60, TimeUnit.SECONDS), "the child never committed");
        }
    }
}
