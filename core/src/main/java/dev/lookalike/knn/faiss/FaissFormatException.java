package dev.lookalike.knn.faiss;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not a FAISS flat index we can read: wrong type, corrupt or truncated. */
public final class FaissFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public FaissFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}
