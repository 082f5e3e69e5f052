package dev.lookalike.indexing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.Sha256;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.store.FileRecord;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredFile;
import dev.lookalike.store.StoredVectors;
import dev.lookalike.vector.VectorUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Re-runs over a folder that changed (or did not): only new and changed files are embedded again. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexerIncrementalTest {

    private static final int PHOTOS = 12;
    private static final long SEED = 20260314L;

    private List<ImageModel> models;
    private List<Path> spares;

    @TempDir
    Path tmp;

    private Path folder;
    private Path index;
    private IndexingReport first;

    @BeforeAll
    void loadModels() throws IOException {
        models = IndexingFixtures.load(IndexingFixtures.bothModels());
        spares = IndexingFixtures.photosBesides(IndexingFixtures.pickPhotos(PHOTOS, SEED), 2);
    }

    @AfterAll
    void closeModels() {
        models.forEach(ImageModel::close);
    }

    @BeforeEach
    void indexTwelvePhotos() throws Exception {
        folder = tmp.resolve("photos");
        index = tmp.resolve("index");
        IndexingFixtures.copyInto(folder, IndexingFixtures.pickPhotos(PHOTOS, SEED));
        first = run(false);
        assertEquals(PHOTOS, first.embedded());
    }

    @Test
    void anUnchangedFolderEmbedsNothing() throws Exception {
        Snapshot before = snapshot();
        IndexingReport second = run(false);
        assertEquals(PHOTOS, second.found());
        assertEquals(0, second.embedded());
        assertEquals(PHOTOS, second.unchanged());
        assertEquals(List.of(), second.skipped());
        assertEquals(List.of(), second.pruned());
        assertTrue(
                second.elapsed().compareTo(first.elapsed()) < 0,
                "a run with nothing to embed took " + second.elapsed() + ", the first " + first.elapsed());
        assertEquals(before, snapshot());
    }

    @Test
    void aFileWithNewContentIsEmbeddedAgainAndNothingElse() throws Exception {
        Snapshot before = snapshot();
        Path changed = photos().get(5);
        IndexingFixtures.copy(spares.get(0), changed);
        Files.setLastModifiedTime(
                changed, FileTime.fromMillis(Files.getLastModifiedTime(changed).toMillis() + 5000));

        IndexingReport second = run(false);
        assertEquals(1, second.embedded());
        assertEquals(PHOTOS - 1, second.unchanged());
        Snapshot after = snapshot();
        String name = changed.getFileName().toString();
        FileRecord record = after.files.get(name).record();
        assertEquals(Sha256.of(Files.readAllBytes(changed)), record.sha256());
        assertNotEquals(before.files.get(name).record().sha256(), record.sha256());
        for (ImageModel model : models) {
            float[] expected = VectorUtil.l2Normalized(model.embed(new ImageDecoder().decode(changed)));
            assertArrayEquals(
                    expected, after.vector(model, name), 1e-6f, model.spec().name());
            for (String other : before.files.keySet()) {
                if (!other.equals(name)) {
                    assertArrayEquals(before.vector(model, other), after.vector(model, other), other);
                }
            }
        }
    }

    @Test
    void aTouchedFileKeepsItsVectorsAndTakesTheNewTime() throws Exception {
        Snapshot before = snapshot();
        Path touched = photos().get(0);
        long newTime = Files.getLastModifiedTime(touched).toMillis() + 5000;
        Files.setLastModifiedTime(touched, FileTime.fromMillis(newTime));

        IndexingReport second = run(false);

        assertEquals(0, second.embedded(), "the content hash shows nothing changed");
        assertEquals(PHOTOS, second.unchanged());
        Snapshot after = snapshot();
        assertEquals(
                newTime,
                after.files.get(touched.getFileName().toString()).record().mtimeMillis());
        assertArrayEquals(
                before.vectors.get("clip").data(), after.vectors.get("clip").data());
        assertArrayEquals(
                before.vectors.get("dinov2").data(), after.vectors.get("dinov2").data());
        assertEquals(0, run(false).embedded(), "and the next run trusts the new time");
    }

    @Test
    void anAddedFileIsTheOnlyOneEmbedded() throws Exception {
        Path added = IndexingFixtures.copy(spares.get(1), folder.resolve("new/added.jpg"));
        IndexingReport second = run(false);
        assertEquals(PHOTOS + 1, second.found());
        assertEquals(1, second.embedded());
        assertEquals(PHOTOS, second.unchanged());
        Snapshot after = snapshot();
        assertEquals(PHOTOS + 1, after.files.size());
        assertEquals(
                Sha256.of(Files.readAllBytes(added)),
                after.files.get("new/added.jpg").record().sha256());
        assertEquals(PHOTOS + 1, after.vectors.get("dinov2").count());
    }

    @Test
    void aDeletedFileStaysWithoutPruneAndGoesWithIt() throws Exception {
        Path deleted = photos().get(3);
        String name = deleted.getFileName().toString();
        Files.delete(deleted);

        IndexingReport kept = run(false);
        assertEquals(PHOTOS - 1, kept.found());
        assertEquals(0, kept.embedded());
        assertEquals(PHOTOS - 1, kept.unchanged());
        assertEquals(List.of(), kept.pruned());
        assertTrue(snapshot().files.containsKey(name));

        IndexingReport pruned = run(true);
        assertEquals(List.of(name), pruned.pruned());
        assertEquals(0, pruned.embedded());
        Snapshot after = snapshot();
        assertEquals(PHOTOS - 1, after.files.size());
        assertFalse(after.files.containsKey(name));
        for (StoredVectors vectors : after.vectors.values()) {
            assertEquals(PHOTOS - 1, vectors.count());
            assertFalse(vectors.paths().contains(name));
        }
        assertEquals(List.of(), run(true).pruned());
    }

    private IndexingReport run(boolean prune) throws Exception {
        try (IndexStore store = IndexStore.openOrCreate(index, folder.toString(), "test")) {
            return IndexingFixtures.indexer(models, 4, prune, false).index(folder, store, ProgressReporter.silent());
        }
    }

    private List<Path> photos() throws IOException {
        try (var files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    private Snapshot snapshot() throws IOException {
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            store.verify();
            return new Snapshot(
                    store.files(), Map.of("clip", store.vectors("clip"), "dinov2", store.vectors("dinov2")));
        }
    }

    /** The index's files and vectors at one moment. */
    private record Snapshot(Map<String, StoredFile> files, Map<String, StoredVectors> vectors) {

        float[] vector(ImageModel model, String path) {
            StoredVectors all = vectors.get(model.spec().name());
            int row = all.paths().indexOf(path);
            return Arrays.copyOfRange(all.data(), row * all.dimension(), (row + 1) * all.dimension());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Snapshot other
                    && files.equals(other.files)
                    && vectors.keySet().stream()
                            .allMatch(m -> vectors.get(m)
                                            .paths()
                                            .equals(other.vectors.get(m).paths())
                                    && Arrays.equals(
                                            vectors.get(m).data(),
                                            other.vectors.get(m).data()));
        }

        @Override
        public int hashCode() {
            return files.hashCode();
        }
    }
}
