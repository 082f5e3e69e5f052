package dev.lookalike.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainProgressReporterTest {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private long nanos;
    private final PlainProgressReporter reporter = new PlainProgressReporter(
            new PrintStream(buffer, true, StandardCharsets.UTF_8), Duration.ofSeconds(5), () -> nanos);

    @Test
    void printsALineAtEachTenthWithRateAndEta() {
        try (Progress p = reporter.start("model.onnx", 10L << 20, ProgressUnit.BYTES)) {
            advance(1, p, 1L << 20); // 10% after 1 s: 1 MiB/s, 9 MiB to go
            advance(1, p, 1L << 19); // 15%: no new tenth, no line
            advance(1, p, 1L << 19); // 20% after 3 s
        }
        assertEquals(
                List.of(
                        "model.onnx: 10% 1.0 of 10.0 MiB, 1.0 MiB/s, ETA 9s",
                        "model.onnx: 20% 2.0 of 10.0 MiB, 0.7 MiB/s, ETA 12s",
                        "model.onnx: 20% 2.0 of 10.0 MiB, 0.7 MiB/s, ETA 12s, stopped"),
                lines());
    }

    @Test
    void printsAfterTheIntervalEvenWithoutANewTenthAndEndsWithDone() {
        try (Progress p = reporter.start("index", 1000, ProgressUnit.ITEMS)) {
            advance(4, p, 50);
            p.message("skipped 3");
            advance(1, p, 40); // 5 s since the start: a line although still below 10%
            advance(1, p, 910); // 100% is left to close()
        }
        assertEquals(
                List.of(
                        "index: 9% 90 of 1000 items, 18.0 items/s, ETA 51s, skipped 3",
                        "index: 100% 1000 of 1000 items, 166.7 items/s, skipped 3, done"),
                lines());
    }

    @Test
    void measuresTheRateOfAResumedTaskFromWhereItResumed() {
        try (Progress p = reporter.start("model.onnx", 5L << 20, 10L << 20, ProgressUnit.BYTES)) {
            advance(2, p, 1L << 20);
        }
        assertEquals("model.onnx: 60% 6.0 of 10.0 MiB, 0.5 MiB/s, ETA 8s", lines().get(0));
    }

    @Test
    void countsWithoutATotal() {
        try (Progress p = reporter.start("scan", -1, ProgressUnit.ITEMS)) {
            advance(6, p, 12);
        }
        assertEquals(List.of("scan: 12 items, 2.0 items/s", "scan: 12 items, 2.0 items/s, done"), lines());
    }

    @Test
    void formatsLongDurations() {
        assertEquals("59s", PlainProgressReporter.duration(59));
        assertEquals("2m05s", PlainProgressReporter.duration(125));
        assertEquals("3h07m", PlainProgressReporter.duration(3 * 3600 + 7 * 60 + 59));
    }

    private void advance(int seconds, Progress p, long units) {
        nanos += seconds * 1_000_000_000L;
        p.step(units);
    }

    private List<String> lines() {
        return buffer.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
