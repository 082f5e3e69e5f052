package dev.lookalike.dedup.move;

/** The steps of one file's move, in order; a {@link MoveListener} hears each. */
public enum MoveStage {
    /** The journal entry is written and flushed to disk; the file has not been touched. */
    JOURNALED,
    /** Across file systems only: the copy is complete, flushed and verified beside the target, not yet in place. */
    COPIED,
    /** The file is at its target; across file systems the source is still there. */
    PLACED,
    /** The source is gone: the move is complete (and, with an index, recorded there by the next batch). */
    MOVED
}
