package dev.lookalike.dedup.move;

import java.io.IOException;

/** Hears each completed move, by the file's path relative to the indexed folder: the index update. */
public interface MovedFiles {

    /** Records nothing. */
    MovedFiles NONE = new MovedFiles() {
        @Override
        public void moved(String path) {}

        @Override
        public void flush() {}
    };

    /** The file at {@code path} has left the indexed folder. */
    void moved(String path) throws IOException;

    /** Makes every {@link #moved} so far durable. */
    void flush() throws IOException;
}
