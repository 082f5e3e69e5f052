package dev.lookalike.store;

import java.io.IOException;
import java.nio.file.Path;

/** An index store that cannot be opened, read or written; the message names the index and the problem. */
public class IndexStoreException extends IOException {

    private final Path index;

    public IndexStoreException(Path index, String problem) {
        super("index " + index + ": " + problem);
        this.index = index;
    }

    public IndexStoreException(Path index, String problem, Throwable cause) {
        super("index " + index + ": " + problem, cause);
        this.index = index;
    }

    /** The index directory ({@code --index PATH}). */
    public Path index() {
        return index;
    }
}
