package dev.lookalike.dedup.move;

import dev.lookalike.model.Sha256;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Moves one file so that a crash at any point leaves it whole in at least one place: a rename
 * within a file system; across file systems a copy beside the target ({@code NAME.lookalike-part}),
 * fsync, a check of its SHA-256, a rename into place, then removal of the source. Directories are
 * flushed after each rename so the new names survive a power cut too.
 */
final class FileTransfer {

    /** The suffix of a copy not yet in place; {@code dedup undo} removes leftovers. */
    static final String PART = ".lookalike-part";

    private FileTransfer() {}

    /** Hears the steps of one transfer. */
    interface Steps {
        /** Hears nothing. */
        Steps NONE = new Steps() {
            @Override
            public void copied() {}

            @Override
            public void placed() {}
        };

        void copied() throws IOException;

        void placed() throws IOException;
    }

    /**
     * Moves {@code from} to {@code to}, whose content must hash to {@code sha256}.
     *
     * @throws FileAlreadyExistsException when {@code to} exists: nothing is ever overwritten
     * @throws IOException when the copy does not hash as expected (the copy is removed, the source kept)
     */
    static void move(Path from, Path to, String sha256, Steps steps) throws IOException {
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(to.toString(), null, "already exists; nothing is overwritten");
        }
        Files.createDirectories(to.getParent());
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(to.getParent());
            syncDirectory(from.getParent());
            steps.placed();
            return;
        } catch (AtomicMoveNotSupportedException e) {
            // another file system: copy, verify, then remove
        }
        Path part = partOf(to);
        Files.deleteIfExists(part);
        Files.copy(from, part, StandardCopyOption.COPY_ATTRIBUTES);
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        String copied = Sha256.of(part);
        if (!copied.equals(sha256)) {
            Files.delete(part);
            throw new IOException(part + ": the copy of " + from + " does not match it (SHA-256 " + copied
                    + ", expected " + sha256 + "); the original is untouched");
        }
        steps.copied();
        Files.move(part, to, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(to.getParent());
        steps.placed();
        Files.delete(from);
        syncDirectory(from.getParent());
    }

    /** Where a copy to {@code target} is made before it is put in place. */
    static Path partOf(Path target) {
        return target.resolveSibling(target.getFileName() + PART);
    }

    /** Flushes a directory's entries (new or removed names) to disk. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems can't open a directory for reading; the rename itself stands.
        }
    }
}
