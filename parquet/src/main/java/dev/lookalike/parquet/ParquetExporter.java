package dev.lookalike.parquet;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.store.FileRecord;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredFile;
import dev.lookalike.store.StoredVectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes an index's files and vectors as an {@link EmbeddingDataset}: one committed run, rows in path order. */
public final class ParquetExporter {

    private ParquetExporter() {}

    /**
     * Exports every file of {@code store} (skipped ones as error rows) with its vectors into a new dataset at
     * {@code out}, which must not exist or be empty.
     *
     * @return the number of rows written
     */
    public static int export(IndexStore store, Path out) throws IOException {
        List<ModelIdentity> models = List.copyOf(store.models().values());
        if (models.isEmpty()) {
            throw new IOException(store.dir() + ": the index has no models, nothing to export");
        }
        Map<String, Map<String, float[]>> vectorsByPath = vectorsByPath(store, models);
        EmbeddingDataset dataset =
                EmbeddingDataset.create(out, new DatasetManifest(store.info().root(), models));
        int rows = 0;
        try (RunWriter run = dataset.newRun()) {
            for (StoredFile file : store.files().values()) {
                FileRecord record = file.record();
                run.write(new EmbeddingRow(record, vectorsByPath.getOrDefault(record.path(), Map.of())));
                rows++;
            }
            run.commit();
        }
        return rows;
    }

    private static Map<String, Map<String, float[]>> vectorsByPath(IndexStore store, List<ModelIdentity> models)
            throws IOException {
        Map<String, Map<String, float[]>> byPath = new HashMap<>();
        for (ModelIdentity model : models) {
            StoredVectors vectors = store.vectors(model.name());
            int d = vectors.dimension();
            List<String> paths = new ArrayList<>(vectors.paths());
            for (int i = 0; i < paths.size(); i++) {
                float[] vector = new float[d];
                System.arraycopy(vectors.data(), i * d, vector, 0, d);
                byPath.computeIfAbsent(paths.get(i), p -> new LinkedHashMap<>()).put(model.name(), vector);
            }
        }
        return byPath;
    }
}
