package dev.lookalike.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Changes that reach the index together or not at all: nothing is written until {@link #commit()}, which applies
 * them in one SQLite transaction. Closing without committing discards them. Not thread-safe.
 *
 * <pre>{@code
 * try (WriteBatch batch = store.beginBatch()) {
 *     batch.putFile(FileRecord.ok("a/b.jpg", size, mtime, sha256, w, h), Map.of("clip", clipVector));
 *     batch.putFile(FileRecord.skipped("c.jpg", size, mtime, "not an image"), Map.of());
 *     batch.commit();
 * }
 * }</pre>
 */
public final class WriteBatch implements AutoCloseable {

    /** One buffered change. */
    sealed interface Change {
        String path();
    }

    /** Records a file and its vectors (none when skipped). */
    record Put(FileRecord record, Map<String, float[]> vectors) implements Change {
        @Override
        public String path() {
            return record.path();
        }
    }

    /** Removes a file and its vectors. */
    record Delete(String path) implements Change {}

    /** Updates the size and time of a file whose content is unchanged. */
    record Restamp(String path, long size, long mtimeMillis, String sha256) implements Change {}

    private final IndexStore store;
    private final List<Change> changes = new ArrayList<>();
    private boolean done;

    WriteBatch(IndexStore store) {
        this.store = store;
    }

    /**
     * Records a file with one vector per model. An ok file needs at least one vector; its vectors replace those of
     * the same models. Vectors of other models are kept only while the content (sha256) is unchanged, so no vector
     * ever describes content the file no longer has. A skipped file takes no vectors and loses any it had.
     *
     * @param vectors model name to vector; each model registered and each vector {@code dimension} finite floats
     * @throws IllegalArgumentException for an unregistered model, a wrong length or a non-finite value
     */
    public WriteBatch putFile(FileRecord record, Map<String, float[]> vectors) {
        requireOpen();
        Objects.requireNonNull(record, "record");
        if (record.status() == FileStatus.OK && vectors.isEmpty()) {
            throw new IllegalArgumentException(record.path() + ": an ok file needs at least one vector");
        }
        if (record.status() == FileStatus.SKIPPED && !vectors.isEmpty()) {
            throw new IllegalArgumentException(
                    record.path() + ": a skipped file has no vectors, got " + vectors.keySet());
        }
        Map<String, float[]> copies = new LinkedHashMap<>();
        vectors.forEach((model, vector) -> copies.put(model, checked(record.path(), model, vector)));
        changes.add(new Put(record, copies));
        return this;
    }

    /** Records a file that could not be read, with the reason; it loses any vectors it had. */
    public WriteBatch markSkipped(String path, long size, long mtimeMillis, String error) {
        return putFile(FileRecord.skipped(path, size, mtimeMillis, error), Map.of());
    }

    /** Removes a file and its vectors; a path the index does not have is ignored. */
    public WriteBatch delete(String path) {
        requireOpen();
        changes.add(new Delete(Objects.requireNonNull(path, "path")));
        return this;
    }

    /**
     * Records that a file's size or modification time changed while its content did not (the
     * same sha256): it keeps its vectors. Applies only while the index holds that content for
     * the path as an ok file; otherwise it changes nothing.
     */
    public WriteBatch restamp(String path, long size, long mtimeMillis, String sha256) {
        requireOpen();
        changes.add(new Restamp(
                Objects.requireNonNull(path, "path"), size, mtimeMillis, Objects.requireNonNull(sha256, "sha256")));
        return this;
    }

    /** The number of changes buffered so far. */
    public int size() {
        return changes.size();
    }

    /**
     * Writes every change in one transaction; when this returns they are durable, when it throws none was applied.
     *
     * @throws IndexStoreException when the index cannot be written (disk full, read-only, corrupt); the index keeps
     *                             what it had before the batch
     */
    public void commit() throws IOException {
        requireOpen();
        done = true;
        if (!changes.isEmpty()) {
            store.apply(changes);
        }
    }

    /** Discards the batch unless it was committed. */
    @Override
    public void close() {
        done = true;
    }

    private float[] checked(String path, String model, float[] vector) {
        int dimension = store.registeredDimension(model);
        if (vector.length != dimension) {
            throw new IllegalArgumentException(path + ": model " + model + " has dimension " + dimension
                    + ", got a vector of length " + vector.length);
        }
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                throw new IllegalArgumentException(path + ": model " + model + " vector has " + vector[i] + " at " + i);
            }
        }
        return vector.clone();
    }

    private void requireOpen() {
        if (done) {
            throw new IllegalStateException("this batch was already committed or closed");
        }
    }
}
