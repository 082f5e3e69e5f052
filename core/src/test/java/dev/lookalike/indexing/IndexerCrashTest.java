package dev.lookalike.indexing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lookalike.image.SamplePhotos;
import dev.lookalike.search.IndexSearcher;
import dev.lookalike.search.SearchHit;
import dev.lookalike.store.FileStatus;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredFile;
import dev.lookalike.store.StoredVectors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
 * Kills a real indexing process ({@link IndexerCrashMain}) with SIGKILL at seeded points it reports (after a seeded
 * number of files, often mid-batch), checks that exactly the committed batches survive every kill, then resumes it
 * and compares it with an uninterrupted run.
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
                .map(photo -> photo.getFileName().toString())
                .sorted()
                .toList();
        Path killed = tmp.resolve("killed");
        Random random = new Random(20260313L);
        int stored = 0;
        for (int round = 0; round < KILLS && PHOTOS - stored >= 2; round++) {
            int stopAfter = 1 + random.nextInt(PHOTOS - stored - 1); // mid-run, often mid-batch
            Process child = start(folder, killed, stopAfter);
            awaitStop(child, stopAfter);
            child.destroyForcibly().waitFor();
            int committed = stored + stopAfter / BATCH * BATCH;
            assertEquals(
                    committed,
                    checkRecovered(killed, names),
                    "killed after " + stopAfter + " files: exactly the whole batches survive");
            stored = committed;
        }

        IndexingReport resumed = IndexerCrashMain.run(folder, killed);
        assertEquals(PHOTOS - stored, resumed.embedded(), resumed.toString());
        assertEquals(stored, resumed.unchanged(), resumed.toString());
        Path reference = tmp.resolve("reference");
        IndexingReport uninterrupted = IndexerCrashMain.run(folder, reference);
        assertEquals(PHOTOS, uninterrupted.embedded());
        assertSameIndex(reference, killed);
    }

    private Process start(Path folder, Path index, int stopAfter) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "--enable-native-access=ALL-UNNAMED",
                "-Dorg.sqlite.tmpdir=" + tmp));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            // The SIMD kernels round differently from the scalar ones (by an ulp): both processes must use the same.
            command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        command.addAll(List.of(
                IndexerCrashMain.class.getName(), folder.toString(), index.toString(), String.valueOf(stopAfter)));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        tmp.resolve("child.err").toFile()))
                .start();
    }

    /** Waits for the child to say it stopped after {@code files} files (it then waits to be killed). */
    private void awaitStop(Process child, int files) throws IOException {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            if (!("stopped " + files).equals(line)) {
                throw new AssertionError("the child said " + line + " instead of stopping after " + files + " files: "
                        + Files.readString(tmp.resolve("child.err")));
            }
        }
    }

    /**
     * Checks the killed index: it verifies, opens read-only, answers a search, and holds a sorted prefix of the
     * photos with both models' vectors; returns how many.
     */
    private static int checkRecovered(Path index, List<String> names) throws IOException {
        int stored;
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            store.verify();
            Map<String, StoredFile> files = store.files();
            stored = files.size();
            assertEquals(names.subList(0, stored), List.copyOf(files.keySet()), "the stored files are a sorted prefix");
            for (StoredFile file : files.values()) {
                assertEquals(
                        FileStatus.OK, file.record().status(), file.record().path());
                assertEquals(
                        Set.of("clip", "dinov2"), file.models(), file.record().path());
            }
        }
        try (IndexSearcher searcher = IndexSearcher.open(index)) {
            StoredVectors vectors = searcher.store().vectors("dinov2");
            float[] last = Arrays.copyOfRange(
                    vectors.data(), (stored - 1) * vectors.dimension(), stored * vectors.dimension());
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
            assertEquals(
                    new ArrayList<>(want.info().skipped()),
                    new ArrayList<>(got.info().skipped()));
        }
    }
}
