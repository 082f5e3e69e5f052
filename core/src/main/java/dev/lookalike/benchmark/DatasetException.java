package dev.lookalike.benchmark;

import java.io.IOException;
import java.nio.file.Path;

/** A benchmark input file that cannot be used as it is: its name, the line when there is one, and the problem. */
public final class DatasetException extends IOException {

    /** A problem with a file as a whole. */
    public DatasetException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /** A problem on one line of a file (1-based). */
    public DatasetException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }
}
