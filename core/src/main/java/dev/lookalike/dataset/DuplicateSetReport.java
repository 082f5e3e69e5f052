package dev.lookalike.dataset;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link DuplicateSetMaker#make} made.
 *
 * @param out           the finished set's folder
 * @param photos        image files found under the source folder
 * @param skipped       those left out (unreadable, or the same content as another), with the reason
 * @param groups        photos that got copies
 * @param images        images written, originals, copies and singles together
 * @param singles       photos written without copies
 * @param scenePhotos   photos that share a scene with another (hard negatives), 0 when the source
 *                      has no EXIF capture times
 * @param variantCounts images of each variant, in {@link DuplicateVariant} order
 * @param elapsed       wall time of the whole run
 */
public record DuplicateSetReport(
        Path out,
        int photos,
        List<CopyDetectionReport.Skipped> skipped,
        int groups,
        int images,
        int singles,
        int scenePhotos,
        Map<DuplicateVariant, Integer> variantCounts,
        Duration elapsed) {

    public DuplicateSetReport {
        skipped = List.copyOf(skipped);
        EnumMap<DuplicateVariant, Integer> counts = new EnumMap<>(DuplicateVariant.class);
        counts.putAll(variantCounts);
        variantCounts = Collections.unmodifiableMap(counts);
    }
}
