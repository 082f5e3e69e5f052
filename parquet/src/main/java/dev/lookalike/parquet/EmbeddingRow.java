package dev.lookalike.parquet;

import dev.lookalike.store.FileRecord;
import java.util.Map;
import java.util.Objects;

/**
 * One row of an embedding dataset: an image file's record and its vectors.
 *
 * @param record  the file; {@link dev.lookalike.store.FileStatus#SKIPPED} for a row with status {@code error}
 * @param vectors model name to its vector (L2-normalised); empty for an error row
 */
public record EmbeddingRow(FileRecord record, Map<String, float[]> vectors) {

    public EmbeddingRow {
        Objects.requireNonNull(record, "record");
        vectors = Map.copyOf(vectors);
    }
}
