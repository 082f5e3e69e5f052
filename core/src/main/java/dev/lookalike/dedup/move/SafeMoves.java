package dev.lookalike.dedup.move;

import dev.lookalike.model.Sha256;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Moves files out of an indexed folder into another folder under their relative paths, never
 * deleting or overwriting anything, journaled in {@link MoveJournal} so that {@link MoveUndo}
 * puts every file back, whatever moment a crash or {@code kill -9} struck.
 *
 * <p>For each file, in order: its journal entry is appended and flushed; it is moved by
 * {@link FileTransfer} (a rename, or across file systems copy, fsync, verify, rename, remove);
 * the index forgets it (in batches). Everything is checked before the first move: the folder is
 * not inside the indexed one and can be written, every file is there, no target exists.
 */
public final class SafeMoves {

    /**
     * One planned move.
     *
     * @param path   the file's path relative to the indexed folder, as the index stores it
     * @param source the file
     * @param target where it goes
     */
    public record Move(String path, Path source, Path target) {}

    private SafeMoves() {}

    /**
     * Checks and plans moving {@code paths} (relative to {@code root}) into {@code dir}; touches nothing.
     *
     * @throws IllegalArgumentException when {@code dir} is inside {@code root} (or is it), or a path repeats or leaves the root
     * @throws FileSystemException when {@code dir} (or a folder above it) is not a writable folder
     * @throws NoSuchFileException when a file is not there
     * @throws FileAlreadyExistsException when a target exists
     */
    public static List<Move> plan(Path root, List<String> paths, Path dir) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        Path into = dir.toAbsolutePath().normalize();
        if (into.startsWith(base)) {
            throw new IllegalArgumentException("the move-to folder " + dir + " is inside the indexed folder " + root
                    + "; choose a folder outside it");
        }
        requireWritableFolder(into);
        List<Move> moves = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String path : paths) {
            Path source = base.resolve(path).normalize();
            Path target = into.resolve(path).normalize();
            if (!seen.add(path)) {
                throw new IllegalArgumentException(path + ": listed twice");
            }
            if (!source.startsWith(base) || !target.startsWith(into)) {
                throw new IllegalArgumentException(path + ": leaves the indexed folder");
            }
            if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(
                        source.toString(), null, "in the index but not a file on disk; run index with --prune");
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                    || Files.exists(FileTransfer.partOf(target), LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(target.toString(), null, "already exists; nothing is overwritten");
            }
            moves.add(new Move(path, source, target));
        }
        return moves;
    }

    /** {@code dir} is a folder we may write, or can be made in the nearest existing folder above it. */
    private static void requireWritableFolder(Path dir) throws IOException {
        Path existing = dir;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new FileSystemException(dir.toString(), null, "no folder above it exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new FileSystemException(
                    existing.toString(),
                    null,
                    "exists and is not a folder; the move-to folder "
                            + (existing.equals(dir) ? "must be a folder" : dir + " can't be made under it"));
        }
        if (!Files.isWritable(existing)) {
            throw new FileSystemException(
                    existing.toString(),
                    null,
                    "not writable (read-only file system or" + " permissions); the moves need a writable folder");
        }
    }

    /**
     * Carries out {@code moves} into {@code dir}, journaled. On a failure, the files moved so far
     * stay moved and journaled (undo puts them back) and the failure is rethrown.
     *
     * @param index    told of every completed move (the caller's index update); may be {@link MovedFiles#NONE}
     * @param listener hears every step
     * @return the moves completed, all of them
     */
    public static List<Move> move(List<Move> moves, Path dir, MovedFiles index, MoveListener listener)
            throws IOException {
        Objects.requireNonNull(index, "index");
        Path into = dir.toAbsolutePath().normalize();
        Files.createDirectories(into);
        List<Move> done = new ArrayList<>();
        try (MoveJournal journal = MoveJournal.open(into)) {
            for (Move move : moves) {
                int number = done.size();
                String sha256 = Sha256.of(move.source());
                journal.append(new MoveJournal.Entry(
                        move.source(),
                        into.relativize(move.target()).toString().replace('\\', '/'),
                        Files.size(move.source()),
                        sha256));
                listener.reached(MoveStage.JOURNALED, number, move.source());
                FileTransfer.move(move.source(), move.target(), sha256, new FileTransfer.Steps() {
                    @Override
                    public void copied() {
                        listener.reached(MoveStage.COPIED, number, move.source());
                    }

                    @Override
                    public void placed() {
                        listener.reached(MoveStage.PLACED, number, move.source());
                    }
                });
                done.add(move);
                index.moved(move.path());
                listener.reached(MoveStage.MOVED, number, move.source());
            }
        } finally {
            index.flush();
        }
        return done;
    }
}
