package dev.lookalike.dedup.move;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kills a real moving process with SIGKILL at the step it reports (after N journal entries, with
 * the file journaled, copied, placed or moved), then undoes: every file is back, byte for byte.
 * Within one file system (rename) and across two (a temporary folder and /dev/shm: copy, verify, remove).
 */
class MoveCrashTest {

    private static final int FILES = 9;

    @TempDir
    Path tmp;

    private Path elsewhere;

    @AfterEach
    void removeElsewhere() throws IOException {
        if (elsewhere != null) {
            dev.lookalike.io.FileTrees.deleteTree(elsewhere);
        }
    }

    @ParameterizedTest(name = "{0} file system, killed when move {2} is {1}")
    @CsvSource({
        "same, JOURNALED, 0",
        "same, PLACED, 4",
        "same, MOVED, 8",
        "other, JOURNALED, 3",
        "other, COPIED, 3",
        "other, PLACED, 5",
        "other, MOVED, 6"
    })
    void undoAfterAKillPutsEveryFileBackByteForByte(String fileSystem, MoveStage stage, int entry) throws Exception {
        Path root = tmp.resolve("photos");
        List<String> paths = MoveFixtures.files(root, FILES);
        Map<String, MoveFixtures.Content> before = MoveFixtures.snapshot(root);
        Path dir = moveFolder(fileSystem);
        Path list = Files.write(tmp.resolve("paths.txt"), paths);

        Process child = start(root, dir, list, stage, entry);
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("reached", out.readLine(), "the child did not reach the kill point; see child.err");
            child.destroyForcibly(); // SIGKILL on Linux
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        int moved = stage == MoveStage.MOVED || (stage == MoveStage.PLACED && fileSystem.equals("same"))
                ? entry + 1
                : entry;
        assertEquals(FILES - moved, MoveFixtures.snapshot(root).size(), "files still in place at the kill");

        MoveUndo.Report report = MoveUndo.undo(dir, MoveListener.NONE);

        assertEquals(List.of(), report.conflicts());
        assertEquals(before, MoveFixtures.snapshot(root));
        try (Stream<Path> left = Files.walk(dir)) {
            List<Path> files = left.filter(Files::isRegularFile).toList();
            assertEquals(List.of(report.journal()), files, "only the undone journal stays in the move-to folder");
        }
        assertEquals(moved, report.restored().size());
    }

    /** The move-to folder: beside the photos, or on another file system (/dev/shm) when there is one. */
    private Path moveFolder(String fileSystem) throws IOException {
        if (fileSystem.equals("same")) {
            return tmp.resolve("duplicates");
        }
        Path shm = Path.of("/dev/shm");
        assumeTrue(
                Files.isDirectory(shm)
                        && Files.isWritable(shm)
                        && !Files.getFileStore(shm).equals(Files.getFileStore(tmp)),
                "no second file system at /dev/shm");
        elsewhere = Files.createTempDirectory(shm, "lookalike-move-test");
        return elsewhere.resolve("duplicates");
    }

    private Process start(Path root, Path dir, Path list, MoveStage stage, int entry) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                MoveCrashMain.class.getName(),
                root.toString(),
                dir.toString(),
                list.toString(),
                stage.name(),
                Integer.toString(entry)));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        tmp.resolve("child.err").toFile()))
                .start();
    }
}
