package dev.lookalike.indexing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.image.SamplePhotos;
import dev.lookalike.search.IndexSearcher;
import dev.lookalike.search.SearchHit;
import dev.lookalike.store.FileStatus;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredFile;
import dev.lookalike.store.StoredVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real indexing process ({@link IndexerCrashMain}) with SIGKILL at seeded random moments after it has
 * committed, checks the index after every kill, then resumes it and compares it with an uninterrupted run.
 */
class IndexerCrashTest {

    private static final int PHOTOS = SamplePhotos.COUNT;
    private static final int KILLS = 4;
    private static final int BATCH = IndexerCrashMain.BATCH;

    @TempDir
    Path tmp;

    @Test
    void killedIndexingResumesToTheUninterruptedIndex() throws Exception {
        Path folder = tmp.resolve("photos");
        List<String> names = IndexingFixtures.copyInto(folder, IndexingFixtures.pickPhotos(PHOTOS, 20260313L)).stream()
                .map(photo -> photo.getFileName().toString()).sorted().toList();
        Path killed = tmp.resolve("killed");
        Random random = new Random(20260313L);
        int stored = 0;
        int midRun = 0;
        for (int round = 0; round < KILLS && stored < PHOTOS; round++) {
            Process child = start(folder, killed);
            int seen = awaitMoreThan(child, killed, stored);
            Thread.sleep(random.nextInt(250));
            child.destroyForcibly().waitFor();
            int after = checkRecovered(killed, names, stored, seen);
            midRun += after < PHOTOS ? 1 : 0;
            stored = after;
        }
        assertTrue(midRun >= KILLS / 2, "too few kills landed mid-run: " + midRun);

        IndexingReport resumed = IndexerCrashMain.run(folder, killed);
        assertEquals(PHOTOS - stored, resumed.embedded(), resumed.toString());
        assertEquals(stored, resumed.unchanged(), resumed.toString());
        Path reference = tmp.resolve("reference");
        IndexingReport uninterrupted = IndexerCrashMain.run(folder, reference);
        assertEquals(PHOTOS, uninterrupted.embedded());
        assertSameIndex(reference, killed);
    }

    private Process start(Path folder, Path index) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "--enable-native-access=ALL-UNNAMED", "-Dorg.sqlite.tmpdir=" + tmp));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            // The SIMD kernels round differently from the scalar ones (by an ulp): both processes must use the same.
            command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        command.addAll(List.of(IndexerCrashMain.class.getName(), folder.toString(), index.toString()));
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(tmp.resolve("child.err").toFile()))
                .start();
    }

    /** Polls the index (read-only, as any reader may) until the child has committed past {@code before} files. */
    private int awaitMoreThan(Process child, Path index, int before) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            int count = committedFiles(index);
            if (count > before) {
                return count;
            }
            if (!child.isAlive() && committedFiles(index) <= before) {
                throw new AssertionError("the child exited with " + child.exitValue() + " before committing: "
                        + Files.readString(tmp.resolve("child.err")));
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the child committed nothing in 60 s");
    }

    private static int committedFiles(Path index) {
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            return store.files().size();
        } catch (IOException e) {
            return 0; // Not created yet, or created but its schema not yet committed.
        }
    }

    /**
     * Checks the killed index: it verifies, opens read-only, answers a search, and holds whole batches of the sorted
     * photos, at least those seen committed; returns how many.
     */
    private static int checkRecovered(Path index, List<String> names, int before, int seen) throws IOException {
        int stored;
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            store.verify();
            Map<String, StoredFile> files = store.files();
            stored = files.size();
            assertTrue(stored >= seen, "lost committed work: " + stored + " stored, " + seen + " seen committed");
            assertTrue(stored == PHOTOS || (stored - before) % BATCH == 0,
                    "a partial batch survived: " + before + " -> " + stored);
            assertEquals(names.subList(0, stored), List.copyOf(files.keySet()), "the stored files are a sorted prefix");
            for (StoredFile file : files.values()) {
                assertEquals(FileStatus.OK, file.record().status(), file.record().path());
                assertEquals(Set.of("clip", "dinov2"), file.models(), file.record().path());
            }
        }
        try (IndexSearcher searcher = IndexSearcher.open(index)) {
            StoredVectors vectors = searcher.store().vectors("dinov2");
            float[] last = Arrays.copyOfRange(vectors.data(), (stored - 1) * vectors.dimension(),
                    stored * vectors.dimension());
            List<SearchHit> hits = searcher.search(vectors.model(), last, PHOTOS);
            assertEquals(stored, hits.size());
            assertEquals(names.get(stored - 1), hits.get(0).path());
        }
        return stored;
    }

    /** The same files with the same records, and bit-identical vectors in the same order, for both models. */
    private static void assertSameIndex(Path expected, Path actual) throws IOException {
        try (IndexStore want = IndexStore.open(expected, IndexStore.Access.READ_ONLY);
             IndexStore got = IndexStore.open(actual, IndexStore.Access.READ_ONLY)) {
            got.verify();
            assertEquals(PHOTOS, got.files().size());
            assertEquals(want.files(), got.files());
            assertEquals(want.models(), got.models());
            for (String model : List.of("clip", "dinov2")) {
                StoredVectors a = want.vectors(model);
                StoredVectors b = got.vectors(model);
                assertEquals(a.paths(), b.paths(), model);
                assertArrayEquals(a.data(), b.data(), model + ": vectors differ from the uninterrupted run");
            }
            assertEquals(new ArrayList<>(want.info().skipped()), new ArrayList<>(got.info().skipped()));
        }
    }
}
