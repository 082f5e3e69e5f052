package dev.lookalike.dedup.move;

import dev.lookalike.model.Sha256;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code dedup undo DIR}: puts every file named in {@code DIR}'s {@link MoveJournal} back where it
 * was, whatever state a crash left its move in, newest entry first:
 * <ul>
 * <li>target there, source gone: moved back ({@link FileTransfer}: a rename, or copy, verify, remove);</li>
 * <li>both there (killed between placing a cross-file-system copy and removing the source): the
 * target is removed when the source still holds the journaled content;</li>
 * <li>source there, target gone: the move never happened (or was undone): nothing to do;</li>
 * <li>copies not yet in place ({@code *.lookalike-part}) are removed.</li>
 * </ul>
 * A source that holds other content than journaled, next to its moved copy, is a conflict: both
 * are kept and reported. When every entry is resolved, the journal is renamed to
 * {@code lookalike-moves.undone-TIMESTAMP.csv} (so a second undo finds nothing to do) and folders
 * left empty under {@code DIR} are removed. Undo itself can be killed and run again.
 */
public final class MoveUndo {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    /**
     * What an undo did.
     *
     * @param restored  files moved back
     * @param untouched entries whose file had never left (or was already back)
     * @param conflicts entries left as they are, each with the reason; empty when all went back
     * @param journal   where the journal now is (renamed when there are no conflicts)
     */
    public record Report(List<Path> restored, int untouched, List<String> conflicts, Path journal) {}

    private MoveUndo() {}

    /**
     * Undoes every move journaled in {@code dir}.
     *
     * @throws NoSuchFileException when {@code dir} holds no journal
     */
    public static Report undo(Path dir, MoveListener listener) throws IOException {
        Path into = dir.toAbsolutePath().normalize();
        Path journal = into.resolve(MoveJournal.NAME);
        if (!Files.isRegularFile(journal)) {
            throw new NoSuchFileException(journal.toString(), null, "no move journal: nothing was moved into " + dir);
        }
        List<MoveJournal.Entry> entries = MoveJournal.read(into);
        List<Path> restored = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        int untouched = 0;
        for (int i = entries.size() - 1; i >= 0; i--) {
            MoveJournal.Entry entry = entries.get(i);
            Path target = into.resolve(entry.target());
            Files.deleteIfExists(FileTransfer.partOf(target));
            Files.deleteIfExists(FileTransfer.partOf(entry.source()));
            boolean sourceThere = Files.exists(entry.source(), LinkOption.NOFOLLOW_LINKS);
            boolean targetThere = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
            if (targetThere && !sourceThere) {
                FileTransfer.move(target, entry.source(), Sha256.of(target), FileTransfer.Steps.NONE);
                restored.add(entry.source());
                listener.reached(MoveStage.MOVED, entries.size() - 1 - i, target);
            } else if (targetThere) {
                if (Sha256.of(entry.source()).equals(entry.sha256())) {
                    Files.delete(target);
                    untouched++;
                } else {
                    conflicts.add(entry.source()
                            + ": holds other content than when it was moved; its moved copy stays at " + target);
                }
            } else if (sourceThere) {
                untouched++;
            } else {
                conflicts.add(entry.source() + ": neither there nor at " + target + " (removed by someone else?)");
            }
        }
        Path now = journal;
        if (conflicts.isEmpty()) {
            now = into.resolve("lookalike-moves.undone-" + LocalDateTime.now().format(STAMP) + ".csv");
            Files.move(journal, now, StandardCopyOption.ATOMIC_MOVE);
            FileTransfer.syncDirectory(into);
            removeEmptyFolders(into, entries);
        }
        return new Report(restored, untouched, conflicts, now);
    }

    /** Removes the folders the moves made under {@code dir} that are empty now, deepest first. */
    private static void removeEmptyFolders(Path dir, List<MoveJournal.Entry> entries) throws IOException {
        for (MoveJournal.Entry entry : entries) {
            for (Path folder = dir.resolve(entry.target()).getParent();
                    folder != null && !folder.equals(dir) && folder.startsWith(dir);
                    folder = folder.getParent()) {
                try {
                    Files.deleteIfExists(folder);
                } catch (DirectoryNotEmptyException e) {
                    break;
                }
            }
        }
    }
}
