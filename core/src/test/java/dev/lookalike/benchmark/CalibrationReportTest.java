package dev.lookalike.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thresholds read back from a bench report, and each way a report can't give one. */
class CalibrationReportTest {

    @TempDir
    Path tmp;

    private Path report;

    @BeforeEach
    void report() throws Exception {
        report = Files.writeString(tmp.resolve("report.json"), """
                {"models": {
                  "clip": {"score": "cosine", "thresholds": [
                    {"precision": 0.9, "threshold": 0.81, "recall": 0.7, "precision_reached": 0.92},
                    {"precision": 0.95, "threshold": 0.86, "recall": 0.6, "precision_reached": 0.96},
                    {"precision": 0.99, "threshold": null, "recall": 0.0, "precision_reached": 0.0}]},
                  "clip+dinov2:rrf": {"score": "rrf", "thresholds": []}}}
                """);
    }

    @Test
    void readsTheThresholdOfAPrecision() throws Exception {
        Calibration c = CalibrationReport.threshold(report, "clip", 0.95);
        assertEquals(0.86, c.threshold().orElseThrow(), 1e-12);
        assertEquals(0.6, c.recall(), 1e-12);
        assertEquals(
                0.81,
                CalibrationReport.threshold(report, "clip", 0.9).threshold().orElseThrow(),
                1e-12);
    }

    @Test
    void refusesWhatCannotGiveACosineThreshold() throws Exception {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CalibrationReport.threshold(report, "clip", 0.99))
                .getMessage()
                .contains("never reached 99% precision"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CalibrationReport.threshold(report, "clip", 0.8))
                .getMessage()
                .contains("(it has 0.90, 0.95, 0.99)"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> CalibrationReport.threshold(report, "dinov2", 0.9))
                        .getMessage()
                        .contains("has no model 'dinov2' (it has clip, clip+dinov2:rrf)"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> CalibrationReport.threshold(report, "clip+dinov2:rrf", 0.9))
                .getMessage()
                .contains("by rank"));
        assertThrows(
                NoSuchFileException.class, () -> CalibrationReport.threshold(tmp.resolve("none.json"), "clip", 0.9));
        Path notJson = Files.writeString(tmp.resolve("bad.json"), "{");
        assertThrows(DatasetException.class, () -> CalibrationReport.threshold(notJson, "clip", 0.9));
        Path old = Files.writeString(tmp.resolve("old.json"), "{\"models\": {\"clip\": {\"score\": \"cosine\"}}}");
        assertTrue(assertThrows(DatasetException.class, () -> CalibrationReport.threshold(old, "clip", 0.9))
                .getMessage()
                .contains("run bench again"));
    }
}
