package dev.lookalike.parquet;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.store.FileRecord;
import dev.lookalike.store.FileStatus;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredFile;
import dev.lookalike.store.WriteBatch;
import dev.lookalike.vector.VectorUtil;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * Loads an {@link EmbeddingDataset} into an index. The dataset's models are registered as {@code index} registers
 * them, so vectors of another model under the same name are refused; rows are committed in batches, so an
 * interrupted import loses at most one batch, and running it again skips what the index already has.
 */
public final class ParquetImporter {

    /** How far a vector's norm may be from 1: the index holds L2-normalised vectors only. */
    static final double NORM_TOLERANCE = 1e-3;

    private final int batchSize;

    /** @param batchSize rows per committed batch */
    public ParquetImporter(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * Imports every row of {@code dataset} into {@code store}.
     *
     * @throws dev.lookalike.store.ModelMismatchException when the index has another model under a dataset model's
     *                                                    name; nothing is written then
     * @throws IllegalArgumentException when the index was built from another root folder
     * @throws IOException naming the part file and row when the dataset holds a bad row; earlier batches stay
     */
    public ImportReport importInto(EmbeddingDataset dataset, IndexStore store) throws IOException {
        DatasetManifest manifest = dataset.manifest();
        String indexRoot = store.info().root();
        if (!Objects.equals(indexRoot, manifest.root())) {
            throw new IllegalArgumentException(store.dir() + " indexes " + indexRoot + " but the rows in "
                    + dataset.dir() + " are relative to " + manifest.root() + "; import into a new index");
        }
        for (ModelIdentity model : manifest.models()) {
            store.registerModel(model);
        }
        Pass pass = new Pass(dataset, store, store.files());
        try {
            dataset.forEachRow(pass::add);
            pass.batch.commit();
        } finally {
            pass.batch.close();
        }
        return new ImportReport(pass.rows, pass.imported, pass.unchanged, pass.errors);
    }

    /** One import's batch and counts. */
    private final class Pass {
        private final EmbeddingDataset dataset;
        private final IndexStore store;
        private final Map<String, StoredFile> existing;
        private WriteBatch batch;
        private int rows;
        private int imported;
        private int unchanged;
        private int errors;

        Pass(EmbeddingDataset dataset, IndexStore store, Map<String, StoredFile> existing) throws IOException {
            this.dataset = dataset;
            this.store = store;
            this.existing = existing;
            this.batch = store.beginBatch();
        }

        void add(EmbeddingRow row) throws IOException {
            rows++;
            errors += row.record().status() == FileStatus.SKIPPED ? 1 : 0;
            if (alreadyHas(existing.get(row.record().path()), row)) {
                unchanged++;
                return;
            }
            requireNormalised(dataset, row);
            batch.putFile(row.record(), row.vectors());
            imported++;
            if (batch.size() >= batchSize) {
                batch.commit();
                batch = store.beginBatch();
            }
        }
    }

    /** Whether the index holds this row already: same content and every model, or the same unreadable file. */
    private static boolean alreadyHas(StoredFile stored, EmbeddingRow row) {
        if (stored == null) {
            return false;
        }
        FileRecord have = stored.record();
        FileRecord given = row.record();
        if (given.status() == FileStatus.SKIPPED) {
            return have.status() == FileStatus.SKIPPED && have.sameStamp(given.size(), given.mtimeMillis());
        }
        return have.status() == FileStatus.OK
                && have.sha256().equals(given.sha256())
                && have.sameStamp(given.size(), given.mtimeMillis())
                && stored.models().containsAll(row.vectors().keySet());
    }

    private static void requireNormalised(EmbeddingDataset dataset, EmbeddingRow row) throws IOException {
        for (Map.Entry<String, float[]> entry : row.vectors().entrySet()) {
            double norm = VectorUtil.norm(entry.getValue());
            if (!(Math.abs(norm - 1) <= NORM_TOLERANCE)) { // NaN fails too
                throw new IOException(dataset.dir() + ": " + row.record().path() + ": the " + entry.getKey()
                        + " vector has norm " + (float) norm + "; an index holds L2-normalised vectors only");
            }
        }
    }
}
