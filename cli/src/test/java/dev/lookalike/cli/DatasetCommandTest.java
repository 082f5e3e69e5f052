package dev.lookalike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.image.SamplePhotos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code dataset copydetect} on a few COCO photos, and its refusals. */
class DatasetCommandTest {


    @TempDir
    Path tmp;
    private Path photos;

    @BeforeEach
    void photos() throws IOException {
        photos = Files.createDirectory(tmp.resolve("photos"));
        for (Path photo : SamplePhotos.first(6)) {
            Files.copy(photo, photos.resolve(photo.getFileName()));
        }
        Files.writeString(photos.resolve("notes.jpg"), "not an image");
    }

    @Test
    void makesTheSetAndSummarisesIt() throws IOException {
        Path out = tmp.resolve("set");

        CliRun run = CliRun.run("-q", "dataset", "copydetect", photos.toString(), out.toString(),
                "--queries", "4", "--distractor-fraction", "0.25", "--seed", "3", "--workers", "2");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("7 photos found, 1 skipped; 5 references, 4 queries (1 distractors)"), run.out());
        assertTrue(run.out().contains("skipped notes.jpg: "), run.out());
        assertTrue(run.out().contains("  edits: "), run.out());
        assertEquals("", run.err());
        List<String> truth = Files.readAllLines(out.resolve("ground_truth.csv"));
        assertEquals("query_id,reference_id", truth.get(0));
        assertEquals(5, truth.size());
        assertEquals(1, truth.stream().filter(line -> line.endsWith(",")).count(), truth.toString());
        assertEquals("query_id,edits,parameters", Files.readAllLines(out.resolve("edits.csv")).get(0));
        try (Stream<Path> queries = Files.list(out.resolve("queries"))) {
            assertEquals(4, queries.count());
        }
    }

    @Test
    void aNonEmptyOutputFolderIsRefusedWithOneLine() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("set"));
        Files.writeString(out.resolve("keep.txt"), "mine");

        CliRun run = CliRun.run("dataset", "copydetect", photos.toString(), out.toString());

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(1, run.errLines(), run::toString);
        assertTrue(run.err().contains(out.getFileName().toString()) && run.err().contains("not empty"), run.err());
        try (Stream<Path> entries = Files.list(out)) {
            assertEquals(List.of(out.resolve("keep.txt")), entries.toList());
        }
    }

    @Test
    void aMissingSourceFolderFailsWithOneLine() {
        Path missing = tmp.resolve("missing");
        CliRun run = CliRun.run("dataset", "copydetect", missing.toString(), tmp.resolve("set").toString());

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(1, run.errLines(), run::toString);
        assertTrue(run.err().contains(missing.toString()) && run.err().contains("no such file (photo folder not found)"),
                run.err());
        assertFalse(Files.exists(tmp.resolve("set")));
        assertFalse(Files.exists(tmp.resolve("set.partial")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "--distractor-fraction, 1.5, 1.5",
        "--distractor-fraction, -0.1, -0.1",
        "--references, 0, 0",
        "--queries, -2, -2",
        "--workers, 0, 0",
        "--references, 7, need 7 readable photos",
        "--queries, x, x"})
    void badArgumentsAreUsageErrorsNamingTheValue(String option, String value, String expected) {
        Path out = tmp.resolve("set");
        CliRun run = CliRun.run("dataset", "copydetect", photos.toString(), out.toString(), option, value);

        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(1, run.errLines(), run::toString);
        assertTrue(run.err().contains(expected), run.err());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(tmp.resolve("set.partial")));
    }

    @Test
    void missingArgumentsAreUsageErrors() {
        CliRun run = CliRun.run("dataset", "copydetect", photos.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("OUT"), run.err());
    }
}
