package dev.lookalike.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Full disks, read-only directories and damaged files: clear errors, and committed data stays readable. */
class IndexStoreFailureTest {

    @TempDir
    Path tmp;

    private Path index() {
        return tmp.resolve("index");
    }

    private IndexStore storeWithFiles(int count) throws IOException {
        IndexStore store = IndexStore.create(index(), "/photos", "0.1.0");
        store.registerModel(StoreFixtures.CLIP);
        store.registerModel(StoreFixtures.DINO);
        try (WriteBatch batch = store.beginBatch()) {
            for (int i = 0; i < count; i++) {
                StoreFixtures.write(batch, i);
            }
            batch.commit();
        }
        return store;
    }

    @Test
    void aFullDiskFailsTheBatchClearlyAndKeepsCommittedData() throws Exception {
        try (IndexStore store = storeWithFiles(20)) {
            store.limitPages(1);
            IndexStoreException e = assertThrows(IndexStoreException.class, () -> {
                try (WriteBatch batch = store.beginBatch()) {
                    for (int i = 20; i < 2000; i++) {
                        StoreFixtures.write(batch, i);
                    }
                    batch.commit();
                }
            });
            assertTrue(
                    e.getMessage().contains(index().toString())
                            && e.getMessage().contains("no space"),
                    e.getMessage());
            assertEquals(20, store.files().size());
            store.verify();
        }
        try (IndexStore store = IndexStore.open(index(), IndexStore.Access.READ_WRITE)) {
            assertEquals(20, store.files().size());
            try (WriteBatch batch = store.beginBatch()) {
                StoreFixtures.write(batch, 20);
                batch.commit();
            }
            store.verify();
        }
    }

    @Test
    void aReadOnlyDirectoryCanBeReadButNotWritten() throws IOException {
        storeWithFiles(10).close();
        Files.setPosixFilePermissions(index(), PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(canCreateFileIn(index()), "permissions do not bind this user (root): nothing to test");
            try (IndexStore store = IndexStore.open(index(), IndexStore.Access.READ_ONLY)) {
                assertEquals(10, store.files().size());
                assertEquals(9, store.vectors("clip").count());
            }
            IndexStoreException e = assertThrows(
                    IndexStoreException.class, () -> IndexStore.open(index(), IndexStore.Access.READ_WRITE));
            assertTrue(
                    e.getMessage().contains(index().toString())
                            && e.getMessage().contains("cannot be written"),
                    e.getMessage());
        } finally {
            Files.setPosixFilePermissions(index(), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static boolean canCreateFileIn(Path dir) throws IOException {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ""));
            return true;
        } catch (AccessDeniedException e) {
            return false;
        }
    }

    @Test
    void aDatabaseFileOfGarbageIsReportedByName() throws IOException {
        storeWithFiles(1).close();
        byte[] garbage = new byte[65536];
        new Random(3).nextBytes(garbage);
        Files.write(index().resolve("index.db"), garbage);
        for (IndexStore.Access access : IndexStore.Access.values()) {
            IndexCorruptException e = assertThrows(IndexCorruptException.class, () -> IndexStore.open(index(), access));
            assertTrue(e.getMessage().contains(index().resolve("index.db").toString()), e.getMessage());
        }
    }

    @Test
    void damagedPagesAreReportedByName() throws IOException {
        storeWithFiles(300).close();
        Path file = index().resolve("index.db");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] garbage = new byte[16384 * 3];
            new Random(5).nextBytes(garbage);
            raf.seek(raf.length() / 2);
            raf.write(garbage);
        }
        IndexCorruptException e = assertThrows(IndexCorruptException.class, () -> {
            try (IndexStore store = IndexStore.open(index(), IndexStore.Access.READ_ONLY)) {
                store.verify();
            }
        });
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
