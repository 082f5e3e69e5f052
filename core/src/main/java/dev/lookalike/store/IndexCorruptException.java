package dev.lookalike.store;

import java.nio.file.Path;

/** The index's files are damaged or break the store's invariants; the message names the file or the broken rule. */
public class IndexCorruptException extends IndexStoreException {

    public IndexCorruptException(Path index, String problem) {
        super(index, problem);
    }

    public IndexCorruptException(Path index, String problem, Throwable cause) {
        super(index, problem, cause);
    }
}
