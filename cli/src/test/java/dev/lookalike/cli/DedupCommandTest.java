package dev.lookalike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dedup} end to end on a folder of repository photos with known copies: an exact copy and a half-size
 * re-encoded copy of one photo, indexed with {@code phash} (computed, so no model is needed).
 */
class DedupCommandTest {

    private static final Path SAMPLES = Path.of("..", "samples", "coco");

    @TempDir
    static Path tmp;

    private static Path index;

    @BeforeAll
    static void indexPhotosWithCopies() throws IOException {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        for (String name : List.of("000000000139.jpg", "000000000632.jpg", "000000000724.jpg", "000000000785.jpg")) {
            Files.copy(SAMPLES.resolve(name), photos.resolve(name));
        }
        Files.createDirectories(photos.resolve("copies"));
        Files.copy(SAMPLES.resolve("000000000139.jpg"), photos.resolve("copies/exact.jpg"));
        Files.setLastModifiedTime(
                photos.resolve("copies/exact.jpg"),
                FileTime.fromMillis(Files.getLastModifiedTime(photos.resolve("000000000139.jpg"))
                                .toMillis()
                        + 3_600_000));
        BufferedImage original =
                ImageIO.read(SAMPLES.resolve("000000000139.jpg").toFile());
        BufferedImage half =
                new BufferedImage(original.getWidth() / 2, original.getHeight() / 2, BufferedImage.TYPE_INT_RGB);
        half.getGraphics()
                .drawImage(
                        original.getScaledInstance(half.getWidth(), half.getHeight(), Image.SCALE_SMOOTH), 0, 0, null);
        ImageIO.write(half, "png", photos.resolve("copies/half.png").toFile());
        index = tmp.resolve("photos.lookalike");
        CliRun run = CliRun.run("index", photos.toString(), "--index", index.toString(), "--models", "phash");
        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void findsTheCopiesWritesJsonAndCsvAndPrintsTheSummary() throws IOException {
        Path json = tmp.resolve("dups.json");
        Path csv = tmp.resolve("dups.csv");
        CliRun run = CliRun.run(
                "-q",
                "dedup",
                "--index",
                index.toString(),
                "--model",
                "phash",
                "--max-hamming",
                "8",
                "--json",
                json.toString(),
                "--csv",
                csv.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("phash, cosine >= 0.75 (--max-hamming 8)"), run.out());
        assertTrue(run.out().contains("1 groups, 3 images, 2 duplicates; moving the duplicates would free"), run.out());

        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals("phash", doc.get("model").asText());
        assertEquals(0.75, doc.get("threshold").asDouble());
        JsonNode group = doc.get("groups").get(0);
        assertEquals("000000000139.jpg", group.get("keep").asText(), "the older of the two identical files");
        assertEquals("oldest (same pixels and size)", group.get("reason").asText());
        List<String> members = List.of(
                group.get("members").get(0).get("path").asText(),
                group.get("members").get(1).get("path").asText(),
                group.get("members").get(2).get("path").asText());
        assertEquals(List.of("000000000139.jpg", "copies/exact.jpg", "copies/half.png"), members);
        JsonNode keeper = group.get("members").get(0);
        assertEquals(1.0, keeper.get("cosine").asDouble());
        assertEquals(
                Files.size(SAMPLES.resolve("000000000139.jpg")),
                keeper.get("size").asLong());
        assertTrue(keeper.get("width").asInt() > 0 && keeper.get("height").asInt() > 0);
        assertTrue(group.get("members").get(2).get("cosine").asDouble() >= 0.75);
        assertEquals(3, doc.get("pairs").size(), doc.get("pairs").toString());
        assertEquals("000000000139.jpg", doc.get("pairs").get(0).get(0).asText());

        List<String> rows = Files.readAllLines(csv);
        assertEquals("group,keep,path,cosine,width,height,size,modified,sha256", rows.getFirst());
        assertEquals(4, rows.size(), rows.toString());
        assertTrue(rows.get(1).startsWith("1,true,000000000139.jpg,1.0,"), rows.get(1));
    }

    @Test
    void notDuplicatesDecisionsHideTheGroupUntilReset() throws IOException {
        Path copy = tmp.resolve("decided.lookalike");
        copyTree(index, copy);
        String[] dedup = {"-q", "dedup", "--index", copy.toString(), "--model", "phash", "--max-hamming", "8"};
        CliRun ignore = CliRun.run(
                "-q",
                "dedup",
                "ignore",
                "--index",
                copy.toString(),
                "--model",
                "phash",
                "--max-hamming",
                "8",
                "000000000139.jpg");
        assertEquals(0, ignore.exitCode(), ignore::toString);
        assertTrue(ignore.out().contains("copies/half.png"), "the keeper stands for its whole group: " + ignore.out());
        CliRun after = CliRun.run(dedup);
        assertTrue(
                after.out().contains("0 groups, 0 images") && after.out().contains("1 groups marked not duplicates"),
                after.out());
        CliRun reset = CliRun.run("-q", "dedup", "ignore", "--index", copy.toString(), "--reset");
        assertEquals("forgot 1 decisions", reset.out().strip());
        assertTrue(CliRun.run(dedup).out().contains("1 groups, 3 images"));
    }

    @Test
    void badInputsAreOneLineErrorsWithTheirExitCodes() {
        Map<List<String>, Integer> cases = Map.of(
                List.of("dedup", "--index", tmp.resolve("missing").toString()), ExitCode.FAILED,
                List.of("dedup", "--index", index.toString(), "--model", "clip"), ExitCode.USAGE,
                List.of("dedup", "--index", index.toString(), "--threshold", "1.5"), ExitCode.USAGE,
                List.of("dedup", "--index", index.toString(), "--threshold", "0"), ExitCode.USAGE,
                List.of("dedup", "--index", index.toString(), "--max-hamming", "40"), ExitCode.USAGE,
                List.of(
                                "dedup",
                                "--index",
                                index.toString(),
                                "--model",
                                "phash",
                                "--threshold",
                                "0.9",
                                "--max-hamming",
                                "3"),
                        ExitCode.USAGE,
                List.of("dedup", "ignore", "--index", index.toString()), ExitCode.USAGE,
                List.of("dedup"), ExitCode.USAGE);
        cases.forEach((args, code) -> {
            CliRun run = CliRun.run(args.toArray(String[]::new));
            assertEquals(code, run.exitCode(), args + ": " + run);
            assertEquals(1, run.errLines(), args + ": " + run);
        });
        CliRun missing = CliRun.run("dedup", "--index", tmp.resolve("missing").toString());
        assertTrue(missing.err().contains("missing") && missing.err().contains("no such index"), missing.err());
        CliRun unknown = CliRun.run("dedup", "--index", index.toString(), "--model", "clip");
        assertTrue(unknown.err().contains("no model 'clip' (it has phash)"), unknown.err());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
