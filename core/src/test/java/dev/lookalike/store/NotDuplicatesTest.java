package dev.lookalike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotDuplicatesTest {

    @TempDir
    Path dir;

    @Test
    void decisionsPersistAndReset() throws Exception {
        Path index = dir.resolve("i");
        try (IndexStore store = IndexStore.create(index, "/photos", "test")) {
            store.recordNotDuplicates(List.of("b.jpg", "a.jpg", "b.jpg"));
            store.recordNotDuplicates(List.of("c.jpg", "d.jpg"));
        }
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            assertEquals(List.of(Set.of("a.jpg", "b.jpg"), Set.of("c.jpg", "d.jpg")), store.notDuplicates());
            assertThrows(IndexStoreException.class, store::clearNotDuplicates, "a reader cannot write");
        }
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_WRITE)) {
            assertThrows(IllegalArgumentException.class, () -> store.recordNotDuplicates(List.of("a.jpg", "a.jpg")));
            assertEquals(2, store.clearNotDuplicates());
            assertEquals(List.of(), store.notDuplicates());
            store.verify();
        }
    }

    @Test
    void anIndexOfVersionOneOpensAndItsFirstDecisionUpgradesIt() throws Exception {
        Path index = dir.resolve("v1");
        try (IndexStore store = IndexStore.create(index, "/photos", "test")) {
            store.registerModel(StoreFixtures.CLIP);
            store.registerModel(StoreFixtures.DINO);
            try (WriteBatch batch = store.beginBatch()) {
                StoreFixtures.write(batch, 0);
                batch.commit();
            }
        }
        String url = "jdbc:sqlite:" + index.resolve("index.db");
        try (Connection db = DriverManager.getConnection(url);
                Statement s = db.createStatement()) {
            s.execute("DROP TABLE not_duplicate_files");
            s.execute("DROP TABLE not_duplicates");
            s.execute("PRAGMA user_version = 1"); // exactly the layout version 1 wrote
        }
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            assertEquals(List.of(), store.notDuplicates());
            assertEquals(1, store.info().okFiles());
        }
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_WRITE)) {
            assertEquals(0, store.clearNotDuplicates());
            store.recordNotDuplicates(List.of("x.jpg", "y.jpg"));
            assertEquals(List.of(Set.of("x.jpg", "y.jpg")), store.notDuplicates());
            store.verify();
        }
        try (Connection db = DriverManager.getConnection(url);
                Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            rs.next();
            assertEquals(2, rs.getInt(1));
        }
    }

    @Test
    void aNewerSchemaIsRefusedWithItsVersion() throws Exception {
        Path index = dir.resolve("v9");
        IndexStore.create(index, "/photos", "test").close();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + index.resolve("index.db"));
                Statement s = db.createStatement()) {
            s.execute("PRAGMA user_version = 9");
        }
        IndexStoreException e =
                assertThrows(IndexStoreException.class, () -> IndexStore.open(index, IndexStore.Access.READ_ONLY));
        assertEquals(true, e.getMessage().contains("schema version 9 is not supported"), e.getMessage());
    }
}
