package dev.lookalike.dedup.move;

import dev.lookalike.store.IndexStore;
import dev.lookalike.store.WriteBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes moved files from the index in committed batches ({@link WriteBatch}). A crash loses at
 * most the batch in flight: those files are gone from the folder but still listed, and come back
 * to it with {@code dedup undo} (or leave the index with {@code index --prune}).
 */
public final class IndexMovedFiles implements MovedFiles {

    /** Moves per committed batch. */
    public static final int BATCH = 64;

    private final IndexStore store;
    private final List<String> pending = new ArrayList<>();

    /** Updates {@code store}, open for writing. */
    public IndexMovedFiles(IndexStore store) {
        this.store = store;
    }

    @Override
    public void moved(String path) throws IOException {
        pending.add(path);
        if (pending.size() >= BATCH) {
            flush();
        }
    }

    @Override
    public void flush() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        try (WriteBatch batch = store.beginBatch()) {
            pending.forEach(batch::delete);
            batch.commit();
        }
        pending.clear();
    }
}
