package dev.lookalike.progress;

/** What a task counts: bytes are shown in MiB with a byte rate, items as a count and items/s. */
public enum ProgressUnit {
    BYTES,
    ITEMS
}
