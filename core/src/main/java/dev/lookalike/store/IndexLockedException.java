package dev.lookalike.store;

import java.nio.file.Path;

/** Another writer (usually another {@code index} process) holds the index's writer lock. */
public class IndexLockedException extends IndexStoreException {

    public IndexLockedException(Path index, Path lockFile) {
        super(index, "another process is writing to this index (it holds " + lockFile + "); wait for it to finish");
    }
}
