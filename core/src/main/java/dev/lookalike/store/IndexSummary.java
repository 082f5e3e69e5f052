package dev.lookalike.store;

import dev.lookalike.model.ModelIdentity;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code index info} shows: where the index is, what it holds and what it skipped.
 *
 * @param index        the index directory
 * @param root         the indexed folder, as recorded when the index was created
 * @param created      when the index was created
 * @param toolVersion  the lookalike version that created the index
 * @param models       each model with its vector count, in name order
 * @param okFiles      files embedded
 * @param skippedFiles files that could not be read
 * @param skipped      the skipped files with their reasons, in path order
 * @param bytesOnDisk  the size of every file in the index directory
 */
public record IndexSummary(
        Path index,
        String root,
        Instant created,
        String toolVersion,
        List<ModelSummary> models,
        int okFiles,
        int skippedFiles,
        List<SkippedFile> skipped,
        long bytesOnDisk) {

    public IndexSummary {
        models = List.copyOf(models);
        skipped = List.copyOf(skipped);
    }

    /** What {@code index info --json} prints: where the index is, its models with their counts, skipped files. */
    public Map<String, Object> toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("index", index.toString());
        doc.put("root", root);
        doc.put("created", created.toString());
        doc.put("tool_version", toolVersion);
        doc.put("files", okFiles);
        doc.put("skipped_files", skippedFiles);
        doc.put("bytes_on_disk", bytesOnDisk);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ModelSummary model : models) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", model.identity().name());
            row.put("vectors", model.vectors());
            row.putAll(model.identity().toJson());
            rows.add(row);
        }
        doc.put("models", rows);
        List<Map<String, String>> skippedRows = new ArrayList<>();
        for (SkippedFile file : skipped) {
            skippedRows.add(Map.of("path", file.path(), "error", file.error()));
        }
        doc.put("skipped", skippedRows);
        return doc;
    }

    /** One model of the index and how many vectors it has. */
    public record ModelSummary(ModelIdentity identity, Instant added, int vectors) {}

    /** A file that was skipped, and why. */
    public record SkippedFile(String path, String error) {}
}
