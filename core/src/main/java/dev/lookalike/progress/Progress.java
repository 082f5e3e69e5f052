package dev.lookalike.progress;

/** One running task's progress; {@link #close()} ends it (and its display). Not thread-safe. */
public interface Progress extends AutoCloseable {

    /** Records {@code n} more units done. */
    void step(long n);

    /** Sets a short message shown after the counts, such as {@code "skipped 3"}; empty clears it. */
    void message(String extra);

    /** Ends the task; further calls are ignored. */
    @Override
    void close();
}
