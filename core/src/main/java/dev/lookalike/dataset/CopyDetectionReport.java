package dev.lookalike.dataset;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link CopyDetectionSetMaker#make} made.
 *
 * @param out         the finished set's folder
 * @param photos      image files found under the source folder
 * @param skipped     those that could not be decoded, with the reason, and left out
 * @param references  reference images written
 * @param queries     query images written, distractors included
 * @param distractors queries whose photo is not among the references
 * @param editCounts  how many queries got each edit type, in {@link EditType} order
 * @param elapsed     wall time of the whole run
 * @param background  background images written (held out of everything else)
 */
public record CopyDetectionReport(
        Path out,
        int photos,
        List<Skipped> skipped,
        int references,
        int queries,
        int distractors,
        Map<EditType, Integer> editCounts,
        Duration elapsed,
        int background) {

    /** A source file left out, and why. */
    public record Skipped(String path, String error) {}

    public CopyDetectionReport {
        skipped = List.copyOf(skipped);
        EnumMap<EditType, Integer> counts = new EnumMap<>(EditType.class);
        counts.putAll(editCounts);
        editCounts = Collections.unmodifiableMap(counts);
    }

    /** Images written (references and queries) per second of wall time. */
    public double imagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? (references + queries + background) / seconds : 0;
    }
}
