package dev.lookalike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dataset duplicates} on a few of the repository's COCO photos, and its refusals. */
class DatasetDuplicatesCommandTest {

    private static final Path SAMPLES = Path.of("../samples/coco");

    @TempDir
    Path tmp;

    private Path photos;

    @BeforeEach
    void photos() throws IOException {
        photos = Files.createDirectory(tmp.resolve("photos"));
        try (Stream<Path> files = Files.list(SAMPLES)) {
            for (Path photo : files.filter(file -> file.toString().endsWith(".jpg"))
                    .sorted()
                    .limit(4)
                    .toList()) {
                Files.copy(photo, photos.resolve(photo.getFileName()));
            }
        }
        Files.writeString(photos.resolve("notes.jpg"), "not an image");
    }

    @Test
    void makesTheSetAndSummarisesIt() throws IOException {
        Path out = tmp.resolve("set");

        CliRun run = CliRun.run(
                "-q",
                "dataset",
                "duplicates",
                photos.toString(),
                out.toString(),
                "--groups",
                "3",
                "--seed",
                "2",
                "--workers",
                "2");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("5 photos found, 1 skipped; 3 groups with copies, 1 photos without"), run.out());
        assertTrue(run.out().contains("skipped notes.jpg: "), run.out());
        assertTrue(run.out().contains("  variants: original 3"), run.out());
        List<String> groups = Files.readAllLines(out.resolve("groups.csv"));
        assertEquals("path,group,variant,parameters,source,scene", groups.get(0));
        try (Stream<Path> images = Files.list(out.resolve("images"))) {
            assertEquals(groups.size() - 1, images.count());
        }
    }

    @Test
    void aNonEmptyOutputFolderIsRefusedWithOneLineAndTooManyGroupsFailTheWork() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("set"));
        Files.writeString(out.resolve("keep.txt"), "mine");

        CliRun run = CliRun.run("dataset", "duplicates", photos.toString(), out.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(1, run.errLines(), run::toString);
        assertTrue(run.err().contains("not empty"), run.err());

        CliRun tooMany = CliRun.run(
                "dataset", "duplicates", photos.toString(), tmp.resolve("other").toString(), "--groups", "9");
        // The command line is fine; the folder can't fill it: the work failed (exit 2 is for wrong command lines).
        assertEquals(ExitCode.FAILED, tooMany.exitCode(), tooMany::toString);
        assertTrue(tooMany.err().contains("9 groups need as many photos; 4 are readable"), tooMany.err());
    }
}
