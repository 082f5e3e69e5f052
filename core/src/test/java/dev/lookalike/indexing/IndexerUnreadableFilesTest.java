package dev.lookalike.indexing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.image.ImageDecodeException;
import dev.lookalike.model.ImageModel;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.store.FileStatus;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.IndexSummary;
import dev.lookalike.store.StoredFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Corrupt, truncated, empty and non-image files among the photos: skipped with reasons, or fatal when strict. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexerUnreadableFilesTest {

    private static final List<String> UNREADABLE = List.of("cut.jpg", "empty.png", "noise.jpg");

    private List<ImageModel> models;
    private List<Path> photos;

    @TempDir
    Path tmp;

    @BeforeAll
    void load() throws IOException {
        models = IndexingFixtures.load(IndexingFixtures.bothModels());
        photos = IndexingFixtures.pickPhotos(11, 20260315L);
    }

    @AfterAll
    void close() {
        models.forEach(ImageModel::close);
    }

    @Test
    void unreadableFilesAreSkippedWithTheirReasonsCountedAndListed() throws Exception {
        Path folder = tmp.resolve("photos");
        IndexingFixtures.copyInto(folder, photos.subList(0, 9));
        byte[] jpeg = Files.readAllBytes(photos.get(9));
        Files.write(folder.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length * 2 / 5));
        Files.write(folder.resolve("empty.png"), new byte[0]);
        Files.write(folder.resolve("noise.jpg"), randomBytes(4096, 15));
        Files.writeString(folder.resolve("notes.txt"), "not an image, not even by name");
        Path index = tmp.resolve("index");

        IndexingReport report = run(folder, index, false);
        assertEquals(12, report.found(), "notes.txt is not an image name, the walker never offers it");
        assertEquals(9, report.embedded());
        assertEquals(
                UNREADABLE,
                report.skipped().stream().map(IndexingReport.Skipped::path).toList());
        for (IndexingReport.Skipped skipped : report.skipped()) {
            assertTrue(skipped.error().contains(skipped.path()), "the reason names the file: " + skipped.error());
        }
        assertTrue(
                report.skipped().get(0).error().contains("truncated"),
                report.skipped().get(0).error());
        assertTrue(
                report.skipped().get(1).error().contains("empty"),
                report.skipped().get(1).error());
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            store.verify();
            IndexSummary info = store.info();
            assertEquals(9, info.okFiles());
            assertEquals(3, info.skippedFiles());
            assertEquals(
                    report.skipped().stream()
                            .map(s -> new IndexSummary.SkippedFile(s.path(), s.error()))
                            .toList(),
                    info.skipped());
            info.models()
                    .forEach(model ->
                            assertEquals(9, model.vectors(), model.identity().name()));
            Map<String, StoredFile> files = store.files();
            for (String name : UNREADABLE) {
                assertEquals(FileStatus.SKIPPED, files.get(name).record().status(), name);
                assertEquals(Set.of(), files.get(name).models(), name);
            }
            assertFalse(files.containsKey("notes.txt"));
        }

        IndexingReport again = run(folder, index, false);
        assertEquals(0, again.embedded());
        assertEquals(9, again.unchanged());
        assertEquals(3, again.stillUnreadable());
        assertEquals(List.of(), again.skipped());

        repair(folder.resolve("cut.jpg"), photos.get(9));
        IndexingReport repaired = run(folder, index, false);
        assertEquals(1, repaired.embedded());
        assertEquals(2, repaired.stillUnreadable());
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            store.verify();
            assertEquals(10, store.info().okFiles());
            assertEquals(
                    List.of("empty.png", "noise.jpg"),
                    store.info().skipped().stream()
                            .map(IndexSummary.SkippedFile::path)
                            .toList());
            assertEquals(
                    Set.of("clip", "dinov2"),
                    store.file("cut.jpg").orElseThrow().models());
        }
    }

    @Test
    void aStrictRunStopsAtTheFirstUnreadableFileKeepingTheBatchesCommittedBefore() throws Exception {
        Path folder = tmp.resolve("strict");
        for (int i = 0; i < 10; i++) {
            IndexingFixtures.copy(photos.get(i), folder.resolve(String.format("a%02d.jpg", i)));
        }
        Files.write(folder.resolve("b-bad.jpg"), randomBytes(2048, 16));
        IndexingFixtures.copy(photos.get(10), folder.resolve("c00.jpg"));
        Path index = tmp.resolve("strict-index");

        UnreadableImageException e = assertThrows(UnreadableImageException.class, () -> run(folder, index, true));
        assertTrue(e.getMessage().contains("b-bad.jpg") && e.getMessage().contains("strict"), e.getMessage());
        assertInstanceOf(ImageDecodeException.class, e.getCause());
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            store.verify();
            // Batches of 4: a00-a03 and a04-a07 were committed; a08, a09 were in the batch the bad file stopped.
            assertEquals(
                    List.of("a00.jpg", "a01.jpg", "a02.jpg", "a03.jpg", "a04.jpg", "a05.jpg", "a06.jpg", "a07.jpg"),
                    List.copyOf(store.files().keySet()));
            assertEquals(0, store.info().skippedFiles());
        }

        repair(folder.resolve("b-bad.jpg"), photos.get(10));
        IndexingReport fixed = run(folder, index, true);
        assertEquals(4, fixed.embedded());
        assertEquals(8, fixed.unchanged());
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            assertEquals(12, store.info().okFiles());
        }
    }

    private IndexingReport run(Path folder, Path index, boolean strict) throws Exception {
        try (IndexStore store = IndexStore.openOrCreate(index, folder.toString(), "test")) {
            return IndexingFixtures.indexer(models, 4, false, strict).index(folder, store, ProgressReporter.silent());
        }
    }

    /** Replaces a broken file by a photo, with a later modification time as an editor would leave it. */
    private static void repair(Path broken, Path photo) throws IOException {
        FileTime before = Files.getLastModifiedTime(broken);
        IndexingFixtures.copy(photo, broken);
        Files.setLastModifiedTime(broken, FileTime.fromMillis(before.toMillis() + 5000));
    }

    private static byte[] randomBytes(int count, long seed) {
        byte[] bytes = new byte[count];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
