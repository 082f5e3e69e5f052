package dev.lookalike.parquet;

import dev.lookalike.io.FileTrees;
import dev.lookalike.model.ModelIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes one run of an {@link EmbeddingDataset}: part files of at most {@link #ROWS_PER_PART} rows, then
 * {@code _SUCCESS} on {@link #commit()}. Closing an uncommitted run deletes it. Not thread-safe.
 */
public final class RunWriter implements AutoCloseable {

    /** Rows per part file: about 200 MB of 768-d vectors, a good size for Spark to read back. */
    public static final int ROWS_PER_PART = 65_536;

    private final Path run;
    private final List<ModelIdentity> models;
    private PartWriter part;
    private int parts;
    private int rowsInPart;
    private boolean committed;

    RunWriter(Path run, List<ModelIdentity> models) {
        this.run = run;
        this.models = models;
    }

    /** The run's directory. */
    public Path dir() {
        return run;
    }

    /** Adds a row; vectors of models the dataset does not have are ignored. */
    public void write(EmbeddingRow row) throws IOException {
        if (committed) {
            throw new IllegalStateException("run " + run + " is already committed");
        }
        if (part == null || rowsInPart == ROWS_PER_PART) {
            closePart();
            part = new PartWriter(
                    run.resolve(String.format(Locale.ROOT, "part-%05d%s", parts++, DatasetLayout.PART_SUFFIX)), models);
        }
        part.write(row);
        rowsInPart++;
    }

    /** Closes the last part and marks the run committed: from now on readers see its rows. */
    public void commit() throws IOException {
        closePart();
        Files.write(run.resolve(DatasetLayout.SUCCESS), new byte[0]);
        committed = true;
    }

    private void closePart() throws IOException {
        if (part != null) {
            part.close();
            part = null;
            rowsInPart = 0;
        }
    }

    @Override
    public void close() throws IOException {
        if (committed) {
            return;
        }
        try {
            closePart();
        } finally {
            FileTrees.deleteTree(run);
        }
    }
}
