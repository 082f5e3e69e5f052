package dev.lookalike.dedup.move;

import java.nio.file.Path;

/** Hears every step of every move and undo: progress bars, and the crash tests' kill points. */
@FunctionalInterface
public interface MoveListener {

    /** Hears nothing. */
    MoveListener NONE = (stage, entry, file) -> {};

    /**
     * Called when move number {@code entry} (0-based, in the order of this run) reaches {@code stage}.
     *
     * @param file the file being moved, where it was before
     */
    void reached(MoveStage stage, int entry, Path file);
}
