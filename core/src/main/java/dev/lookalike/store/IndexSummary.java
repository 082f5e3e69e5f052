package dev.lookalike.store;

import dev.lookalike.model.ModelIdentity;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

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
public record IndexSummary(Path index, String root, Instant created, String toolVersion, List<ModelSummary> models,
                           int okFiles, int skippedFiles, List<SkippedFile> skipped, long bytesOnDisk) {

    public IndexSummary {
        models = List.copyOf(models);
        skipped = List.copyOf(skipped);
    }

    /** One model of the index and how many vectors it has. */
    public record ModelSummary(ModelIdentity identity, Instant added, int vectors) {
    }

    /** A file that was skipped, and why. */
    public record SkippedFile(String path, String error) {
    }
}
