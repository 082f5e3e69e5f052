package dev.lookalike.dataset;

import dev.lookalike.io.FileTrees;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The set is built in {@code OUT.partial} and renamed to {@code OUT} only when complete, so a
 * killed run never leaves a folder that looks like a finished set. A marker file tells a leftover
 * {@code .partial} folder of ours (removed and started again) from a user's folder (refused).
 */
final class OutputFolder {

    private static final String MARKER = ".lookalike-partial";

    private final Path out;
    private final Path partial;

    private OutputFolder(Path out) {
        this.out = out;
        this.partial = out.resolveSibling(out.getFileName() + ".partial");
    }

    /**
     * Checks that {@code out} is absent or an empty folder, and makes a fresh partial folder.
     *
     * @throws FileAlreadyExistsException when {@code out} holds anything, or the partial folder is not ours
     */
    static OutputFolder create(Path out) throws IOException {
        OutputFolder folder = new OutputFolder(out.toAbsolutePath().normalize());
        folder.checkTarget();
        folder.clearLeftover();
        Files.createDirectories(folder.partial);
        Files.createFile(folder.partial.resolve(MARKER));
        return folder;
    }

    /** Where the set is written until {@link #commit()}. */
    Path partial() {
        return partial;
    }

    /** Renames the partial folder to the target. */
    void commit() throws IOException {
        Files.delete(partial.resolve(MARKER));
        if (Files.isDirectory(out)) {
            Files.delete(out); // empty, as checked at the start; a rename can't replace a folder
        }
        Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the partial folder after a failure; best effort, the failure is what matters. */
    void abandon() {
        try {
            FileTrees.deleteTree(partial);
        } catch (IOException e) {
            // Left for the next run, which recognises it by the marker and starts over.
        }
    }

    private void checkTarget() throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        if (!Files.isDirectory(out)) {
            throw new FileAlreadyExistsException(out.toString(), null, "exists and is not a folder");
        }
        try (Stream<Path> entries = Files.list(out)) {
            if (entries.findAny().isPresent()) {
                throw new FileAlreadyExistsException(
                        out.toString(), null, "already exists and is not empty; give a new or empty folder");
            }
        }
    }

    private void clearLeftover() throws IOException {
        if (!Files.exists(partial)) {
            return;
        }
        if (!Files.exists(partial.resolve(MARKER))) {
            throw new FileAlreadyExistsException(
                    partial.toString(),
                    null,
                    "is in the way: this tool builds the set there first, and that folder is not one it left");
        }
        FileTrees.deleteTree(partial);
    }
}
