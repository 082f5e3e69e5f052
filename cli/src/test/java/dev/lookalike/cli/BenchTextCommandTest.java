package dev.lookalike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench-text} on the 32 sample photos and their COCO labels (samples/coco/labels.csv) with the tiny CLIP,
 * checked against rankings from {@code search --text} and the labels read independently.
 */
class BenchTextCommandTest {

    private static final Path SAMPLES = Path.of("..", "samples", "coco");

    @TempDir
    static Path dir;

    static Path home;
    static Path index;
    static CliRun bench;
    static JsonNode report;

    @BeforeAll
    static void runTheBenchmark() throws IOException {
        home = TinyCatalog.home(dir.resolve("home"));
        index = dir.resolve("index");
        Path out = dir.resolve("report");
        bench = run(
                "bench-text",
                SAMPLES.toString(),
                "--labels",
                SAMPLES.resolve("labels.csv").toString(),
                "--models",
                "tclip,tdino",
                "-k",
                "5",
                "--index",
                index.toString(),
                "--report",
                out.toString());
        assertEquals(0, bench.exitCode(), bench.err());
        report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    }

    private static CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--home", home.toString(), "--device", "cpu", "--threads", "1"));
        return CliRun.run(all.toArray(String[]::new));
    }

    @Test
    void everyLabelIsScoredAgainstTheRankingOfItsSentence() throws IOException {
        assertTrue(bench.err().contains("model tdino has no text side: left out"), bench.err());
        assertEquals(32, report.get("indexed").asInt());
        JsonNode model = report.get("models").get(0);
        assertEquals("tclip", model.get("model").asText());
        List<String> csv = Files.readAllLines(SAMPLES.resolve("labels.csv")).subList(1, 93);
        Set<String> labels = new HashSet<>();
        csv.forEach(line -> labels.add(line.substring(line.indexOf(',') + 1).replace("\"", "")));
        assertEquals(labels.size(), model.get("per_label").size());
        double sumAp = 0;
        for (JsonNode row : model.get("per_label")) {
            sumAp += row.get("average_precision").asDouble();
        }
        assertEquals(sumAp / labels.size(), model.get("map").asDouble(), 1e-12);
        for (String label : List.of("bus", "person", "toilet")) {
            JsonNode row = rowOf(model, label);
            Set<String> relevant = new HashSet<>();
            csv.stream().filter(line -> line.endsWith("," + label)).forEach(line -> relevant.add(line.split(",")[0]));
            assertEquals(relevant.size(), row.get("relevant").asInt(), label);
            CliRun search = run(
                    "search",
                    "--text",
                    "a photo of a " + label,
                    "--index",
                    index.toString(),
                    "--models",
                    "tclip",
                    "-k",
                    "32",
                    "--json");
            assertEquals(0, search.exitCode(), search.err());
            JsonNode hits =
                    new ObjectMapper().readTree(search.out()).get("results").get("tclip");
            int found = 0;
            int atFive = 0;
            double precisions = 0;
            for (int i = 0; i < hits.size(); i++) {
                if (relevant.contains(hits.get(i).get("path").asText())) {
                    found++;
                    precisions += (double) found / (i + 1);
                    atFive += i < 5 ? 1 : 0;
                }
            }
            assertEquals(
                    precisions / relevant.size(), row.get("average_precision").asDouble(), 1e-12, label);
            assertEquals(atFive / 5.0, row.get("precision_at_k").asDouble(), 1e-12, label);
            assertEquals(
                    (double) atFive / relevant.size(), row.get("recall_at_k").asDouble(), 1e-12, label);
        }
        String html = Files.readString(dir.resolve("report/index.html"));
        assertTrue(html.contains("<h2>Per label</h2>") && html.contains("title=\"a photo of a bus\">bus</td>"), html);
        assertTrue(bench.out().startsWith("model"), bench.out());
    }

    @Test
    void labelsFromYoloFilesGiveTheSameScores() throws IOException {
        Path labels = Files.createDirectories(dir.resolve("yolo"));
        Files.writeString(dir.resolve("names.txt"), "bus\ntruck\n");
        Files.writeString(labels.resolve("000000000724.txt"), "0 0.5 0.5 0.2 0.2\n");
        Files.writeString(labels.resolve("000000001000.txt"), "1 0.5 0.5 0.2 0.2\n0 0.1 0.1 0.1 0.1\n");
        Path json = dir.resolve("yolo.json");
        CliRun run = run(
                "bench-text",
                SAMPLES.toString(),
                "--yolo-labels",
                labels.toString(),
                "--names",
                dir.resolve("names.txt").toString(),
                "--models",
                "tclip",
                "--index",
                index.toString(),
                "--json",
                json.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode model =
                new ObjectMapper().readTree(json.toFile()).get("models").get(0);
        assertEquals(2, model.get("per_label").size());
        assertEquals(2, rowOf(model, "bus").get("relevant").asInt());
        assertEquals(1, rowOf(model, "truck").get("relevant").asInt());
    }

    @Test
    void badInputIsNamed() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "path,label\na.jpg,cat\n");
        CliRun header = run(
                "bench-text",
                SAMPLES.toString(),
                "--labels",
                bad.toString(),
                "--models",
                "tclip",
                "--index",
                index.toString());
        assertEquals(ExitCode.FAILED, header.exitCode(), header.toString());
        assertTrue(header.err().contains("bad.csv"), header.err());
        CliRun noText = run(
                "bench-text",
                SAMPLES.toString(),
                "--labels",
                SAMPLES.resolve("labels.csv").toString(),
                "--models",
                "tdino",
                "--index",
                index.toString());
        assertEquals(ExitCode.USAGE, noText.exitCode(), noText.toString());
        Files.writeString(bad, "image,label\nnot-there.jpg,cat\n");
        CliRun none = run(
                "bench-text",
                SAMPLES.toString(),
                "--labels",
                bad.toString(),
                "--models",
                "tclip",
                "--index",
                index.toString());
        // The command line is right, the labels don't match the folder: the work failed (2 is for wrong command lines).
        assertEquals(ExitCode.FAILED, none.exitCode(), none.toString());
        assertTrue(none.err().contains("carries a label"), none.err());
    }

    private static JsonNode rowOf(JsonNode model, String label) {
        for (JsonNode row : model.get("per_label")) {
            if (row.get("label").asText().equals(label)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + label);
    }
}
