package dev.lookalike.indexing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lookalike.Lookalike;
import dev.lookalike.hub.HubSettings;
import dev.lookalike.model.ImageModel;
import dev.lookalike.progress.Progress;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.search.IndexSearcher;
import dev.lookalike.search.SearchHit;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.IndexStoreException;
import dev.lookalike.store.StoreFaults;
import dev.lookalike.store.StoredFile;
import dev.lookalike.store.StoredVectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** An index that cannot be written, or fills the disk mid-run: a clear error naming it, and it stays readable. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexerFailureTest {

    private static final int BATCH = 4;

    private List<ImageModel> models;
    private List<Path> photos;

    @TempDir
    Path tmp;

    @BeforeAll
    void load() throws IOException {
        models = IndexingFixtures.load(IndexingFixtures.bothModels());
        photos = IndexingFixtures.pickPhotos(16, 20260317L);
    }

    @AfterAll
    void close() {
        models.forEach(ImageModel::close);
    }

    @Test
    void aFullDiskMidRunFailsThatCommitByNameAndKeepsTheBatchesBefore() throws Exception {
        // Paths of ~3,000 characters make every batch need new database pages, so the full disk bites at once.
        Path folder = tmp.resolve("photos");
        String deep = String.join("/", java.util.Collections.nCopies(11, "d".repeat(250)));
        List<String> names = photos.stream()
                .map(photo -> deep + "/" + "p".repeat(200) + photo.getFileName())
                .sorted()
                .toList();
        for (int i = 0; i < photos.size(); i++) {
            IndexingFixtures.copy(photos.get(i), folder.resolve(names.get(i)));
        }
        Path index = tmp.resolve("index");
        try (IndexStore store = IndexStore.create(index, folder.toString(), "test")) {
            // Fill the disk once the first batch is committed, halfway through the second.
            ProgressReporter fillDiskMidRun = progressThatAt(BATCH + 2, () -> StoreFaults.fillDisk(store));
            IndexStoreException e = assertThrows(
                    IndexStoreException.class,
                    () -> IndexingFixtures.indexer(models, BATCH, false, false).index(folder, store, fillDiskMidRun));
            assertTrue(
                    e.getMessage().contains(index.toString()) && e.getMessage().contains("no space"), e.getMessage());
            store.verify();
            int committed = store.files().size();
            assertTrue(
                    committed >= BATCH && committed < photos.size() && committed % BATCH == 0,
                    committed + " files committed");
        }
        int committed;
        try (IndexSearcher searcher = IndexSearcher.open(index)) {
            searcher.store().verify();
            Map<String, StoredFile> files = searcher.store().files();
            committed = files.size();
            assertEquals(names.subList(0, committed), List.copyOf(files.keySet()));
            files.values().forEach(file -> assertEquals(Set.of("clip", "dinov2"), file.models()));
            assertFindsItself(searcher, names.get(committed - 1));
        }
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_WRITE)) {
            IndexingReport resumed = IndexingFixtures.indexer(models, BATCH, false, false)
                    .index(folder, store, ProgressReporter.silent());
            assertEquals(photos.size() - committed, resumed.embedded());
            assertEquals(photos.size(), store.files().size());
            store.verify();
        }
    }

    @Test
    void indexingIntoAnIndexOpenedReadOnlyIsRefusedByName() throws Exception {
        Path folder = tmp.resolve("ro-photos");
        IndexingFixtures.copyInto(folder, photos.subList(0, 3));
        Path index = tmp.resolve("ro-index");
        indexInto(folder, index);
        IndexingFixtures.copy(photos.get(3), folder.resolve("later.jpg"));
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            IndexStoreException e = assertThrows(
                    IndexStoreException.class,
                    () -> IndexingFixtures.indexer(models, BATCH, false, false)
                            .index(folder, store, ProgressReporter.silent()));
            assertTrue(
                    e.getMessage().contains(index.toString()) && e.getMessage().contains("read-only"), e.getMessage());
            assertEquals(3, store.files().size());
        }
    }

    @Test
    void anIndexInAReadOnlyDirectoryFailsClearlyAndStaysReadable() throws Exception {
        Path folder = tmp.resolve("dir-photos");
        IndexingFixtures.copyInto(folder, photos.subList(0, 3));
        Path index = tmp.resolve("dir-index");
        indexInto(folder, index);
        IndexingFixtures.copy(photos.get(3), folder.resolve("later.jpg"));
        Files.setPosixFilePermissions(index, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(canCreateFileIn(index), "permissions do not bind this user (root): nothing to test");
            try (Lookalike lookalike = facade()) {
                IndexStoreException e = assertThrows(
                        IndexStoreException.class,
                        () -> lookalike.index(
                                folder,
                                index,
                                IndexingFixtures.bothModels(),
                                new IndexingOptions(BATCH, 2, false, false)));
                assertTrue(
                        e.getMessage().contains(index.toString())
                                && e.getMessage().contains("cannot be written"),
                        e.getMessage());
            }
            try (IndexSearcher searcher = IndexSearcher.open(index)) {
                assertEquals(3, searcher.store().files().size());
                assertFindsItself(searcher, photos.get(1).getFileName().toString());
            }
        } finally {
            Files.setPosixFilePermissions(index, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void anIndexWhereNoDirectoryCanBeMadeFailsClearly() throws Exception {
        // Root-proof: even root cannot create directories in procfs.
        Path proc = Path.of("/proc");
        assumeTrue(Files.isDirectory(proc.resolve("self")), "no procfs here");
        Path index = proc.resolve("lookalike-index-test");
        Path folder = IndexingFixtures.copyInto(tmp.resolve("proc-photos"), photos.subList(0, 1))
                .get(0)
                .getParent();
        try (Lookalike lookalike = facade()) {
            IndexStoreException e = assertThrows(
                    IndexStoreException.class,
                    () -> lookalike.index(folder, index, IndexingFixtures.bothModels(), IndexingOptions.defaults()));
            assertTrue(
                    e.getMessage().contains(index.toString()) && e.getMessage().contains("cannot create"),
                    e.getMessage());
        }
        assertTrue(Files.notExists(index));
    }

    private Lookalike facade() {
        return Lookalike.builder()
                .hub(HubSettings.fromEnvironment(tmp.resolve("home")))
                .embedder(IndexingFixtures.CPU)
                .build();
    }

    private void indexInto(Path folder, Path index) throws Exception {
        try (IndexStore store = IndexStore.openOrCreate(index, folder.toString(), "test")) {
            IndexingFixtures.indexer(models, BATCH, false, false).index(folder, store, ProgressReporter.silent());
        }
    }

    private static void assertFindsItself(IndexSearcher searcher, String path) throws IOException {
        StoredVectors vectors = searcher.store().vectors("dinov2");
        int row = vectors.paths().indexOf(path);
        float[] vector = Arrays.copyOfRange(vectors.data(), row * vectors.dimension(), (row + 1) * vectors.dimension());
        List<SearchHit> hits = searcher.search(vectors.model(), vector, 2);
        assertEquals(path, hits.get(0).path());
    }

    private static boolean canCreateFileIn(Path dir) throws IOException {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ""));
            return true;
        } catch (AccessDeniedException e) {
            return false;
        }
    }

    /** A progress reporter that runs {@code fault} once, when the run reports its {@code step}th image. */
    private static ProgressReporter progressThatAt(int step, Fault fault) {
        return (task, done, total, unit) -> new Progress() {
            private long steps = done;

            @Override
            public void step(long n) {
                long before = steps;
                steps += n;
                if (before < step && steps >= step) {
                    try {
                        fault.inject();
                    } catch (SQLException e) {
                        throw new UncheckedIOException(new IOException(e));
                    }
                }
            }

            @Override
            public void message(String extra) {}

            @Override
            public void close() {}
        };
    }

    private interface Fault {
        void inject() throws SQLException;
    }
}
