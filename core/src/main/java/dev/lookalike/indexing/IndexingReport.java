package dev.lookalike.indexing;

import dev.lookalike.pipeline.StageSplit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What an indexing run did.
 *
 * @param found     image files found under the folder
 * @param embedded  files embedded in this run (new or changed)
 * @param unchanged files already indexed and unchanged, not embedded again
 * @param skipped   files that could not be read in this run, with the reason
 * @param stillUnreadable files skipped in an earlier run and unchanged since, not tried again
 * @param pruned    entries removed because their files are gone
 * @param elapsed   wall time of the run
 * @param split     how the pipeline shared the cores between decoding and inference (empty when nothing was embedded)
 */
public record IndexingReport(
        int found,
        int embedded,
        int unchanged,
        List<Skipped> skipped,
        int stillUnreadable,
        List<String> pruned,
        Duration elapsed,
        Optional<StageSplit> split) {

    /** An image that could not be read, and why. */
    public record Skipped(String path, String error) {}

    /** Embedded images per second of wall time. */
    public double imagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? embedded / seconds : 0;
    }
}
