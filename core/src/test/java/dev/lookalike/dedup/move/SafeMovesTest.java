package dev.lookalike.dedup.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.store.FileRecord;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.WriteBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moves and undo in one process: layout, journal, index update, and every refusal before anything moves. */
class SafeMovesTest {

    @TempDir
    Path tmp;

    private Path root;
    private List<String> paths;
    private Map<String, MoveFixtures.Content> before;

    @BeforeEach
    void files() throws IOException {
        root = tmp.resolve("photos");
        paths = MoveFixtures.files(root, 6);
        before = MoveFixtures.snapshot(root);
    }

    @Test
    void movesUnderTheRelativePathsJournalsEachAndUndoPutsThemBack() throws IOException {
        Path dir = tmp.resolve("dups");
        List<String> chosen = List.of(paths.get(0), paths.get(1), paths.get(3));
        List<Integer> journaled = new ArrayList<>();
        List<SafeMoves.Move> done =
                SafeMoves.move(SafeMoves.plan(root, chosen, dir), dir, MovedFiles.NONE, (stage, entry, file) -> {
                    if (stage == MoveStage.JOURNALED) {
                        journaled.add(entry);
                    }
                });

        assertEquals(3, done.size());
        assertEquals(List.of(0, 1, 2), journaled);
        for (String path : chosen) {
            assertFalse(Files.exists(root.resolve(path)));
            assertEquals(before.get(path), MoveFixtures.snapshot(dir).get(path), path);
        }
        List<MoveJournal.Entry> entries = MoveJournal.read(dir);
        assertEquals(chosen, entries.stream().map(MoveJournal.Entry::target).toList());
        assertEquals(
                root.resolve(chosen.get(0)).toAbsolutePath(), entries.get(0).source());
        assertEquals(before.get(chosen.get(0)).bytes().length, entries.get(0).size());

        MoveUndo.Report report = MoveUndo.undo(dir, MoveListener.NONE);
        assertEquals(3, report.restored().size());
        assertEquals(before, MoveFixtures.snapshot(root));
        assertTrue(report.journal().getFileName().toString().startsWith("lookalike-moves.undone-"));
        assertThrows(
                NoSuchFileException.class, () -> MoveUndo.undo(dir, MoveListener.NONE), "a second undo has no journal");
    }

    @Test
    void aSecondRunAppendsToTheJournalAndALineCutByAKillIsDropped() throws IOException {
        Path dir = tmp.resolve("dups");
        SafeMoves.move(SafeMoves.plan(root, List.of(paths.get(0)), dir), dir, MovedFiles.NONE, MoveListener.NONE);
        // A kill while appending the next entry leaves a line without its end; that move never began.
        Files.writeString(
                dir.resolve(MoveJournal.NAME), "/x/y.jpg,y.jp", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals(1, MoveJournal.read(dir).size());
        SafeMoves.move(SafeMoves.plan(root, List.of(paths.get(2)), dir), dir, MovedFiles.NONE, MoveListener.NONE);
        assertEquals(
                List.of(paths.get(0), paths.get(2)),
                MoveJournal.read(dir).stream().map(MoveJournal.Entry::target).toList());
        MoveUndo.undo(dir, MoveListener.NONE);
        assertEquals(before, MoveFixtures.snapshot(root));
    }

    @Test
    void theIndexForgetsMovedFilesInCommittedBatches() throws IOException {
        Path index = tmp.resolve("index");
        try (IndexStore store = IndexStore.create(index, root.toString(), "test")) {
            ModelIdentity model = new ModelIdentity("m", "a".repeat(64), "out", "none", 2);
            store.registerModel(model);
            try (WriteBatch batch = store.beginBatch()) {
                for (String path : paths) {
                    batch.putFile(FileRecord.ok(path, 1, 1, "b".repeat(64), 1, 1), Map.of("m", new float[] {1, 0}));
                }
                batch.commit();
            }
            Path dir = tmp.resolve("dups");
            SafeMoves.move(
                    SafeMoves.plan(root, List.of(paths.get(1), paths.get(4)), dir),
                    dir,
                    new IndexMovedFiles(store),
                    MoveListener.NONE);
        }
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            List<String> expected = new ArrayList<>(paths);
            expected.remove(paths.get(4));
            expected.remove(paths.get(1));
            assertEquals(
                    expected.stream().sorted().toList(),
                    store.files().keySet().stream().sorted().toList());
            store.verify();
        }
    }

    @Test
    void aFolderInsideTheIndexedOneIsAUsageError() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SafeMoves.plan(root, List.of(paths.get(0)), root.resolve("misc/dups")));
        assertTrue(e.getMessage().contains("inside the indexed folder"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SafeMoves.plan(root, List.of(paths.get(0)), root));
    }

    @Test
    void aRegularFileOrAFolderUnderOneIsRefusedBeforeAnythingMoves() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        FileSystemException e = assertThrows(FileSystemException.class, () -> SafeMoves.plan(root, paths, file));
        assertTrue(e.getMessage().contains("exists and is not a folder"), e.getMessage());
        assertThrows(FileSystemException.class, () -> SafeMoves.plan(root, paths, file.resolve("dups")));
        assertEquals(before, MoveFixtures.snapshot(root));
    }

    @Test
    void aFolderThatCannotBeMadeFailsBeforeAnythingMoves() throws IOException {
        // /proc refuses new folders even to root, whom permission bits don't stop.
        Path proc = Path.of("/proc/self");
        assumeTrue(Files.isDirectory(proc), "no /proc on this system");
        Path dir = proc.resolve("lookalike-dups");
        assertThrows(
                IOException.class,
                () -> SafeMoves.move(SafeMoves.plan(root, paths, dir), dir, MovedFiles.NONE, MoveListener.NONE));
        assertEquals(before, MoveFixtures.snapshot(root));
    }

    @Test
    void anExistingTargetOrAMissingFileIsRefusedBeforeAnythingMoves() throws IOException {
        Path dir = tmp.resolve("dups");
        Files.createDirectories(dir.resolve(paths.get(2)).getParent());
        Files.writeString(dir.resolve(paths.get(2)), "someone else's");
        FileAlreadyExistsException e =
                assertThrows(FileAlreadyExistsException.class, () -> SafeMoves.plan(root, paths, dir));
        assertTrue(e.getMessage().contains("nothing is overwritten"), e.getMessage());
        Files.delete(root.resolve(paths.get(5)));
        assertThrows(
                NoSuchFileException.class, () -> SafeMoves.plan(root, List.of(paths.get(5)), tmp.resolve("other")));
        assertEquals("someone else's", Files.readString(dir.resolve(paths.get(2))));
        assertFalse(Files.exists(dir.resolve(MoveJournal.NAME)));
    }
}
