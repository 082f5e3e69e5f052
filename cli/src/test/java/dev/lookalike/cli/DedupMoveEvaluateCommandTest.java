package dev.lookalike.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The duplicates workflow end to end on a set made from the repository's photos: {@code dataset
 * duplicates}, {@code index} with phash and a tiny fixture model, {@code dedup --evaluate},
 * {@code --calibration}, {@code --move-to} (dry and real), {@code dedup undo}, and the refusals.
 */
class DedupMoveEvaluateCommandTest {

    @TempDir
    static Path shared;

    private static Path home;
    private static Path images;
    private static Path groups;
    private static Path index;

    @TempDir
    Path tmp;

    @BeforeAll
    static void indexASet() throws IOException {
        Path photos = Files.createDirectory(shared.resolve("photos"));
        try (Stream<Path> files = Files.list(Path.of("../samples/coco"))) {
            for (Path photo : files.filter(f -> f.toString().endsWith(".jpg"))
                    .sorted()
                    .limit(8)
                    .toList()) {
                Files.copy(photo, photos.resolve(photo.getFileName()));
            }
        }
        Path set = shared.resolve("set");
        CliRun made = CliRun.run(
                "-q",
                "dataset",
                "duplicates",
                photos.toString(),
                set.toString(),
                "--groups",
                "5",
                "--seed",
                "1",
                "--workers",
                "2");
        assertEquals(0, made.exitCode(), made::toString);
        images = set.resolve("images");
        groups = set.resolve("groups.csv");
        home = TinyCatalog.home(shared.resolve("home"));
        index = shared.resolve("set.lookalike");
        CliRun indexed = CliRun.run(
                "-q",
                "--home",
                home.toString(),
                "index",
                images.toString(),
                "--index",
                index.toString(),
                "--models",
                "phash,tclip");
        assertEquals(0, indexed.exitCode(), indexed::toString);
    }

    @Test
    void evaluateReportsEachModelsBestThresholdAndWritesTheJsonAndPage() throws IOException {
        Path json = tmp.resolve("eval.json");
        Path html = tmp.resolve("eval.html");
        CliRun run = CliRun.run(
                "dedup",
                "--index",
                index.toString(),
                "--evaluate",
                groups.toString(),
                "--model",
                "phash,tclip",
                "--json",
                json.toString(),
                "--html",
                html.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("best T"), run.out());
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        for (String model : List.of("phash", "tclip")) {
            JsonNode m = doc.at("/models/" + model);
            assertEquals(51, m.get("sweep").size());
            double f1 = m.at("/best/f1").doubleValue();
            assertTrue(f1 > 0 && f1 <= 1, model + " F1 " + f1);
            // exact copies (same SHA-256) always pair: precision at 1.00 is 1 whenever something is predicted
            assertTrue(
                    m.at("/sweep/50/correct").longValue()
                            == m.at("/sweep/50/predicted").longValue(),
                    m.toString());
        }
        // phash finds the lossless and re-compressed copies: better than chance at its best threshold
        assertTrue(doc.at("/models/phash/best/recall").doubleValue() > 0.3, doc.toString());
        String page = Files.readString(html);
        assertTrue(page.contains("Misses at") && page.contains("False matches at") && page.contains("data:image/jpeg"));
    }

    @Test
    void calibrationTakesTheThresholdFromABenchReportAndSaysWhich() throws IOException {
        Path report = Files.writeString(tmp.resolve("report.json"), """
                {"models": {"phash": {"score": "cosine", "thresholds": [
                  {"precision": 0.9, "threshold": 0.75, "recall": 0.5, "precision_reached": 0.93},
                  {"precision": 0.95, "threshold": 0.8125, "recall": 0.4, "precision_reached": 0.97}]}}}
                """);
        CliRun run = CliRun.run(
                "dedup",
                "--index",
                index.toString(),
                "--model",
                "phash",
                "--calibration",
                report.toString(),
                "--precision",
                "0.9");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("phash, cosine >= 0.75 (") && run.out().contains("90% precision"), run.out());
        CliRun missing = CliRun.run(
                "dedup",
                "--index",
                index.toString(),
                "--model",
                "phash",
                "--calibration",
                report.toString(),
                "--precision",
                "0.99");
        assertEquals(2, missing.exitCode(), missing::toString);
        assertEquals(1, missing.errLines(), missing::toString);
        CliRun both = CliRun.run(
                "dedup",
                "--index",
                index.toString(),
                "--model",
                "phash",
                "--calibration",
                report.toString(),
                "--threshold",
                "0.9");
        assertEquals(2, both.exitCode(), both::toString);
    }

    @Test
    void movesTheDuplicatesTheIndexForgetsThemAndUndoPutsThemBack() throws IOException {
        Path root = tmp.resolve("images");
        copyTree(images, root);
        Path own = tmp.resolve("own.lookalike");
        CliRun indexed = CliRun.run(
                "-q",
                "--home",
                home.toString(),
                "index",
                root.toString(),
                "--index",
                own.toString(),
                "--models",
                "phash");
        assertEquals(0, indexed.exitCode(), indexed::toString);
        Map<String, byte[]> before = contents(root);
        Path dir = tmp.resolve("dups");

        CliRun dry = CliRun.run(
                "dedup", "--index", own.toString(), "--model", "phash", "--move-to", dir.toString(), "--dry-run");
        assertEquals(0, dry.exitCode(), dry::toString);
        assertTrue(dry.out().contains("would move ") && dry.out().contains("nothing was moved"), dry.out());
        assertFalse(Files.exists(dir));
        long wouldMove =
                dry.out().lines().filter(l -> l.startsWith("would move /")).count();
        assertTrue(wouldMove > 0, dry.out());

        CliRun moved =
                CliRun.run("-q", "dedup", "--index", own.toString(), "--model", "phash", "--move-to", dir.toString());
        assertEquals(0, moved.exitCode(), moved::toString);
        assertEquals(before.size() - wouldMove, contents(root).size());
        assertEquals(wouldMove + 1, contents(dir).size(), "the moved files and the journal");
        CliRun info = CliRun.run("index", "info", own.toString(), "--json");
        assertEquals(
                before.size() - wouldMove,
                new ObjectMapper().readTree(info.out()).get("files").longValue(),
                info.out());
        CliRun again = CliRun.run("dedup", "--index", own.toString(), "--model", "phash");
        assertTrue(again.out().contains("0 groups"), again.out());

        CliRun undo = CliRun.run("dedup", "undo", dir.toString());
        assertEquals(0, undo.exitCode(), undo::toString);
        assertTrue(undo.out().contains("restored " + wouldMove + " files"), undo.out());
        Map<String, byte[]> after = contents(root);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((path, bytes) -> assertArrayEquals(bytes, after.get(path), path));
    }

    @Test
    void aMoveFolderInsideTheIndexedFolderOrAFileIsRefusedWithOneLine() throws IOException {
        CliRun inside = CliRun.run(
                "dedup",
                "--index",
                index.toString(),
                "--model",
                "phash",
                "--move-to",
                images.resolve("dups").toString());
        assertEquals(2, inside.exitCode(), inside::toString);
        assertEquals(1, inside.errLines(), inside::toString);
        assertTrue(inside.err().contains("inside the indexed folder"), inside.err());
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CliRun notFolder =
                CliRun.run("dedup", "--index", index.toString(), "--model", "phash", "--move-to", file.toString());
        assertEquals(1, notFolder.exitCode(), notFolder::toString);
        assertEquals(1, notFolder.errLines(), notFolder::toString);
        assertTrue(notFolder.err().contains("not a folder"), notFolder.err());
        CliRun noJournal = CliRun.run("dedup", "undo", tmp.toString());
        assertEquals(1, noJournal.exitCode(), noJournal::toString);
        assertTrue(noJournal.err().contains("no move journal"), noJournal.err());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return out;
    }
}
