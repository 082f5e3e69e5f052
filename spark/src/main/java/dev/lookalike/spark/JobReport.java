package dev.lookalike.spark;

import java.time.Duration;

/**
 * What a job run did.
 *
 * @param run          the run directory it committed
 * @param embedded     rows with status ok
 * @param errors       rows with status error (unreadable images)
 * @param deletedRuns  incomplete runs of killed jobs that a resumed job deleted
 * @param elapsed      from listing to commit
 */
public record JobReport(String run, long embedded, long errors, int deletedRuns, Duration elapsed) {

    /** Images per second over the whole job. */
    public double imagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? (embedded + errors) / seconds : 0;
    }
}
