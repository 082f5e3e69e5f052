package dev.lookalike.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    @Test
    void choosesByQuietAndTerminal() {
        assertInstanceOf(
                SilentProgress.class,
                ProgressReporter.forConsole(true, true, out).start("t", 1, ProgressUnit.ITEMS));
        assertInstanceOf(TerminalProgressReporter.class, ProgressReporter.forConsole(false, true, out));
        assertInstanceOf(PlainProgressReporter.class, ProgressReporter.forConsole(false, false, out));
    }

    @Test
    void quietPrintsNothing() {
        try (Progress p = ProgressReporter.forConsole(true, false, out).start("t", 10, ProgressUnit.ITEMS)) {
            p.step(10);
        }
        assertEquals("", buffer.toString(StandardCharsets.UTF_8));
    }

    @Test
    void terminalBarShowsTheTaskAndItsMessage() {
        try (Progress p = ProgressReporter.forConsole(false, true, out).start("images", 20, ProgressUnit.ITEMS)) {
            p.step(20);
            p.message("skipped 3");
        }
        String shown = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("images 100%") && shown.contains("20/20") && shown.contains("skipped 3"), shown);
    }
}
