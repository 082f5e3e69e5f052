package dev.lookalike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.image.SamplePhotos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
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

        CliRun run = CliRun.run(
                "-q",
                "dataset",
                "copydetect",
                photos.toString(),
                out.toString(),
                "--queries",
                "4",
                "--distractor-fraction",
                "0.25",
                "--seed",
                "3",
                "--workers",
                "2");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("7 photos found, 1 skipped; 5 references, 4 queries (1 distractors)"), run.out());
        assertTrue(run.out().contains("skipped notes.jpg: "), run.out());
        assertTrue(run.out().contains("  edits: "), run.out());
        assertEquals("", run.err());
        List<String> truth = Files.readAllLines(out.resolve("ground_truth.csv"));
        assertEquals("query_id,reference_id", truth.get(0));
        assertEquals(5, truth.size());
        assertEquals(1, truth.stream().filter(line -> line.endsWith(",")).count(), truth.toString());
        assertEquals(
                "query_id,edits,parameters",
                Files.readAllLines(out.resolve("edits.csv")).get(0));
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
        CliRun run = CliRun.run(
                "dataset", "copydetect", missing.toString(), tmp.resolve("set").toString());

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(1, run.errLines(), run::toString);
        assertTrue(
                run.err().contains(missing.toString()) && run.err().contains("no such file (photo folder not found)"),
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
        "--copies-per-reference, 0, 0",
        "--queries, x, x"
    })
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
    void moreReferencesThanReadablePhotosFailWithTheNumbers() {
        Path out = tmp.resolve("set");
        CliRun run = CliRun.run("dataset", "copydetect", photos.toString(), out.toString(), "--references", "7");

        assertEquals(ExitCode.FAILED, run.exitCode(), run::toString);
        assertEquals(1, run.errLines(), run::toString);
        assertTrue(run.err().contains("need 7 readable photos, the folder has 6"), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void moreQueriesWithAMatchThanReferencesCopySomeReferencesTwice() throws IOException {
        Path out = tmp.resolve("set");

        CliRun run = CliRun.run(
                "-q",
                "dataset",
                "copydetect",
                photos.toString(),
                out.toString(),
                "--queries",
                "10",
                "--distractor-fraction",
                "0",
                "--seed",
                "5");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("6 references, 10 queries (0 distractors)"), run.out());
        Map<String, Long> copies = copiesPerReference(out);
        assertEquals(6, copies.size(), "every reference is copied: " + copies);
        assertEquals(
                List.of(1L, 2L), copies.values().stream().distinct().sorted().toList(), copies.toString());
    }

    @Test
    void copiesPerReferenceGroupsTheQueries() throws IOException {
        Path out = tmp.resolve("set");

        CliRun run = CliRun.run(
                "-q",
                "dataset",
                "copydetect",
                photos.toString(),
                out.toString(),
                "--queries",
                "7",
                "--distractor-fraction",
                "0",
                "--copies-per-reference",
                "3");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(
                List.of(1L, 3L, 3L),
                copiesPerReference(out).values().stream().sorted().toList());

        CliRun tooMany = CliRun.run(
                "dataset",
                "copydetect",
                photos.toString(),
                tmp.resolve("other").toString(),
                "--queries",
                "13",
                "--distractor-fraction",
                "0",
                "--copies-per-reference",
                "2");
        assertEquals(ExitCode.FAILED, tooMany.exitCode(), tooMany::toString);
        assertTrue(
                tooMany.err().contains("13 queries with a match at 2 per reference need 7 references, got 6"),
                tooMany.err());
    }

    /** How many queries of the set in {@code out} copy each reference. */
    private static Map<String, Long> copiesPerReference(Path out) throws IOException {
        return Files.readAllLines(out.resolve("ground_truth.csv")).stream()
                .skip(1)
                .map(line -> line.split(",", -1)[1])
                .filter(reference -> !reference.isEmpty())
                .collect(Collectors.groupingBy(reference -> reference, TreeMap::new, Collectors.counting()));
    }

    @Test
    void missingArgumentsAreUsageErrors() {
        CliRun run = CliRun.run("dataset", "copydetect", photos.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("OUT"), run.err());
    }
}
