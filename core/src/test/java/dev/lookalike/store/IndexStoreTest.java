package dev.lookalike.store;

import static dev.lookalike.store.StoreFixtures.CLIP;
import static dev.lookalike.store.StoreFixtures.DINO;
import static dev.lookalike.store.StoreFixtures.sha;
import static dev.lookalike.store.StoreFixtures.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.model.ModelIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexStoreTest {

    @TempDir
    Path tmp;

    private Path index() {
        return tmp.resolve("index");
    }

    private IndexStore newStore() throws IOException {
        IndexStore store = IndexStore.create(index(), "/photos", "0.1.0");
        store.registerModel(CLIP);
        store.registerModel(DINO);
        return store;
    }

    private static FileRecord ok(String path, int version) {
        return FileRecord.ok(path, 100 + version, 1_700_000_000_000L + version, sha(path, version), 64, 48);
    }

    private static void put(IndexStore store, String path, int version, ModelIdentity... models) throws IOException {
        Map<String, float[]> vectors = new java.util.HashMap<>();
        for (ModelIdentity model : models) {
            vectors.put(model.name(), vector(path, model, version));
        }
        try (WriteBatch batch = store.beginBatch()) {
            batch.putFile(ok(path, version), vectors);
            batch.commit();
        }
    }

    @Test
    void committedBatchIsReadBackInPathOrderAfterReopening() throws IOException {
        List<String> paths = new ArrayList<>(List.of("b/2.jpg", "a.jpg", "b/10.jpg", "Z.png", "a/b.jpg", "é.jpg"));
        Collections.shuffle(paths, new Random(7));
        try (IndexStore store = newStore();
                WriteBatch batch = store.beginBatch()) {
            for (String path : paths) {
                batch.putFile(ok(path, 0), Map.of("clip", vector(path, CLIP, 0), "dinov2", vector(path, DINO, 0)));
            }
            batch.markSkipped("broken.jpg", 5, 6, "truncated JPEG");
            batch.commit();
        }
        try (IndexStore store = IndexStore.open(index(), IndexStore.Access.READ_ONLY)) {
            store.verify();
            StoredVectors clip = store.vectors(CLIP);
            List<String> sorted = paths.stream().sorted().toList();
            assertEquals(sorted, clip.paths());
            for (int i = 0; i < sorted.size(); i++) {
                assertArrayEquals(vector(sorted.get(i), CLIP, 0), Arrays.copyOfRange(clip.data(), i * 16, i * 16 + 16));
            }
            assertEquals(ok("a.jpg", 0), store.file("a.jpg").orElseThrow().record());
            assertEquals(
                    Set.of("clip", "dinov2"), store.file("a.jpg").orElseThrow().models());
            IndexSummary info = store.info();
            assertEquals("/photos", info.root());
            assertEquals(6, info.okFiles());
            assertEquals(List.of(new IndexSummary.SkippedFile("broken.jpg", "truncated JPEG")), info.skipped());
            assertEquals(
                    List.of(6, 6),
                    info.models().stream()
                            .map(IndexSummary.ModelSummary::vectors)
                            .toList());
            assertTrue(info.bytesOnDisk() > 0);
        }
    }

    @Test
    void closingWithoutCommitWritesNothing() throws IOException {
        try (IndexStore store = newStore()) {
            try (WriteBatch batch = store.beginBatch()) {
                batch.putFile(ok("a.jpg", 0), Map.of("clip", vector("a.jpg", CLIP, 0)));
            }
            assertTrue(store.files().isEmpty());
            assertEquals(0, store.vectors("clip").count());
        }
    }

    @Test
    void changedContentReplacesItsVectorsAndUnchangedContentKeepsThem() throws IOException {
        try (IndexStore store = newStore()) {
            put(store, "a.jpg", 0, CLIP, DINO);
            put(store, "a.jpg", 0, DINO);
            assertEquals(
                    Set.of("clip", "dinov2"), store.file("a.jpg").orElseThrow().models());
            put(store, "a.jpg", 1, CLIP);
            assertEquals(Set.of("clip"), store.file("a.jpg").orElseThrow().models());
            assertArrayEquals(vector("a.jpg", CLIP, 1), store.vectors("clip").data());
            assertEquals(0, store.vectors("dinov2").count());
            assertEquals(ok("a.jpg", 1), store.file("a.jpg").orElseThrow().record());
            try (WriteBatch batch = store.beginBatch()) {
                batch.markSkipped("a.jpg", 1, 2, "unreadable");
                batch.commit();
            }
            assertEquals(Set.of(), store.file("a.jpg").orElseThrow().models());
            assertEquals(0, store.vectors("clip").count());
            store.verify();
        }
    }

    @Test
    void pruneRemovesMissingFilesWithTheirVectors() throws IOException {
        try (IndexStore store = newStore()) {
            for (String path : List.of("a.jpg", "b.jpg", "c.jpg")) {
                put(store, path, 0, CLIP, DINO);
            }
            assertEquals(List.of("a.jpg", "c.jpg"), store.prune(Set.of("b.jpg", "d.jpg")));
            assertEquals(List.of("b.jpg"), store.vectors("dinov2").paths());
            assertEquals(Set.of("b.jpg"), store.files().keySet());
            try (WriteBatch batch = store.beginBatch()) {
                batch.delete("b.jpg").delete("never.jpg");
                batch.commit();
            }
            assertTrue(store.files().isEmpty());
            store.verify();
        }
    }

    @Test
    void aDifferentModelUnderTheSameNameIsRefusedNamingTheField() throws IOException {
        try (IndexStore store = newStore()) {
            ModelIdentity otherFile = new ModelIdentity("clip", "c".repeat(64), "image_embeds", "none", 16);
            ModelMismatchException e = assertThrows(ModelMismatchException.class, () -> store.registerModel(otherFile));
            assertEquals("definitionSha256", e.field());
            assertTrue(
                    e.getMessage().contains("clip")
                            && e.getMessage().contains("c".repeat(64))
                            && e.getMessage().contains("a".repeat(64))
                            && e.getMessage().contains(index().toString()),
                    e.getMessage());
            ModelIdentity otherPooling = new ModelIdentity("dinov2", "b".repeat(64), "last_hidden_state", "cls", 24);
            assertEquals(
                    "pooling",
                    assertThrows(ModelMismatchException.class, () -> store.vectors(otherPooling))
                            .field());
            store.registerModel(CLIP);
            assertEquals(List.of(CLIP, DINO), List.copyOf(store.models().values()));
        }
    }

    @Test
    void badVectorsAreRefusedBeforeAnythingIsWritten() throws IOException {
        try (IndexStore store = newStore();
                WriteBatch batch = store.beginBatch()) {
            FileRecord a = ok("a.jpg", 0);
            assertThrows(IllegalArgumentException.class, () -> batch.putFile(a, Map.of("phash", new float[64])));
            assertThrows(IllegalArgumentException.class, () -> batch.putFile(a, Map.of("clip", new float[15])));
            float[] nan = new float[16];
            nan[3] = Float.NaN;
            assertTrue(assertThrows(IllegalArgumentException.class, () -> batch.putFile(a, Map.of("clip", nan)))
                    .getMessage()
                    .contains("NaN at 3"));
            assertThrows(IllegalArgumentException.class, () -> batch.putFile(a, Map.of()));
            assertEquals(0, batch.size());
        }
    }

    @Test
    void refusesAPathThatIsNotALookalikeIndex() throws IOException {
        Path notes = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(notes.resolve("todo.txt"), "keep me");
        for (IndexOpener opener : List.<IndexOpener>of(
                dir -> IndexStore.create(dir, "/r", "v"),
                dir -> IndexStore.openOrCreate(dir, "/r", "v"),
                dir -> IndexStore.open(dir, IndexStore.Access.READ_ONLY))) {
            IndexStoreException e = assertThrows(IndexStoreException.class, () -> opener.open(notes));
            assertTrue(
                    e.getMessage().contains(notes.toString()) && e.getMessage().contains("not a"), e.getMessage());
        }
        Path file = Files.writeString(tmp.resolve("plain"), "x");
        assertThrows(IndexStoreException.class, () -> IndexStore.create(file, "/r", "v"));
        assertTrue(assertThrows(
                        IndexStoreException.class,
                        () -> IndexStore.open(tmp.resolve("none"), IndexStore.Access.READ_ONLY))
                .getMessage()
                .contains("no such index"));
        assertEquals(List.of("todo.txt"), List.of(notes.toFile().list()));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        IndexStore.create(empty, "/r", "v").close();
        assertTrue(Files.isRegularFile(empty.resolve("index.db")));
    }

    @Test
    void refusesAnotherSqliteDatabase() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("foreign"));
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("index.db"))) {
            Sqlite.execute(db, "CREATE TABLE t(x)");
        }
        IndexStoreException e =
                assertThrows(IndexStoreException.class, () -> IndexStore.open(dir, IndexStore.Access.READ_ONLY));
        assertTrue(e.getMessage().contains("not a lookalike index"), e.getMessage());
    }

    @Test
    void anInterruptedCreateIsCompletedByTheNextWriter() throws IOException {
        Files.createDirectories(index());
        Files.createFile(index().resolve("writer.lock"));
        try (IndexStore store = IndexStore.openOrCreate(index(), "/photos", "0.1.0")) {
            assertEquals("/photos", store.info().root());
        }
        Path emptyDatabase = Files.createDirectories(tmp.resolve("empty-db"));
        Files.createFile(emptyDatabase.resolve("index.db"));
        try (IndexStore store = IndexStore.openOrCreate(emptyDatabase, "/photos", "0.1.0")) {
            assertEquals("/photos", store.info().root());
        }
    }

    @Test
    void oneWriterAtATimeWhileReadersSeeCommittedData() throws IOException {
        try (IndexStore writer = newStore()) {
            put(writer, "a.jpg", 0, CLIP);
            IndexLockedException locked = assertThrows(
                    IndexLockedException.class, () -> IndexStore.open(index(), IndexStore.Access.READ_WRITE));
            assertTrue(
                    locked.getMessage().contains(index().resolve("writer.lock").toString()), locked.getMessage());
            try (IndexStore reader = IndexStore.open(index(), IndexStore.Access.READ_ONLY);
                    WriteBatch batch = writer.beginBatch()) {
                batch.putFile(ok("b.jpg", 0), Map.of("clip", vector("b.jpg", CLIP, 0)));
                assertEquals(List.of("a.jpg"), reader.vectors("clip").paths());
                batch.commit();
                assertEquals(List.of("a.jpg", "b.jpg"), reader.vectors("clip").paths());
            }
        }
        try (IndexStore again = IndexStore.open(index(), IndexStore.Access.READ_WRITE)) {
            assertEquals(2, again.files().size());
        }
    }

    @Test
    void readOnlyAccessRefusesWritesNamingTheIndex() throws IOException {
        newStore().close();
        try (IndexStore store = IndexStore.open(index(), IndexStore.Access.READ_ONLY)) {
            for (IndexAction write : List.<IndexAction>of(
                    store::beginBatch, () -> store.registerModel(CLIP), () -> store.prune(Set.of()))) {
                IndexStoreException e = assertThrows(IndexStoreException.class, write::run);
                assertTrue(e.getMessage().contains(index().toString())
                        && e.getMessage().contains("read-only"));
            }
        }
    }

    private interface IndexOpener {
        IndexStore open(Path dir) throws IOException;
    }

    private interface IndexAction {
        void run() throws IOException;
    }
}
