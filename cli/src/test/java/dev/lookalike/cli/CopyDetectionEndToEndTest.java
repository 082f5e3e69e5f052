package dev.lookalike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookalike.image.SamplePhotos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole copy-detection flow through the CLI: {@code dataset copydetect} makes a set from COCO
 * photos, then {@code bench} measures the tiny fixture models, {@code phash} and a fusion on it.
 */
class CopyDetectionEndToEndTest {

    private static final List<String> MODELS = List.of("tclip", "tdino", "phash", "tclip+tdino");

    @TempDir
    Path tmp;

    @Test
    void aSetMadeByDatasetCopydetectIsBenchmarkedWithEveryModelKind() throws IOException {
        Path photos = Files.createDirectory(tmp.resolve("photos"));
        for (Path photo : SamplePhotos.first(24)) {
            Files.copy(photo, photos.resolve(photo.getFileName()));
        }
        Path set = tmp.resolve("set");
        CliRun made = CliRun.run(
                "-q",
                "dataset",
                "copydetect",
                photos.toString(),
                set.toString(),
                "--queries",
                "12",
                "--distractor-fraction",
                "0.25",
                "--seed",
                "11");
        assertEquals(0, made.exitCode(), made::toString);
        JsonNode dataset =
                new ObjectMapper().readTree(set.resolve("dataset.json").toFile());

        Path report = tmp.resolve("report");
        CliRun bench = CliRun.run(
                "bench",
                "--home",
                TinyCatalog.home(tmp.resolve("home")).toString(),
                "--device",
                "cpu",
                "--threads",
                "1",
                "-q",
                "--queries",
                set.resolve("queries").toString(),
                "--references",
                set.resolve("references").toString(),
                "--ground-truth",
                set.resolve("ground_truth.csv").toString(),
                "--models",
                String.join(",", MODELS),
                "-k",
                "5",
                "--report",
                report.toString());
        assertEquals(0, bench.exitCode(), bench::toString);

        JsonNode doc = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertEquals(
                dataset.get("references").intValue(),
                doc.at("/settings/references").intValue());
        for (String model : MODELS) {
            JsonNode result = doc.at("/models/" + model);
            assertEquals(12, result.get("queries_total").intValue(), model);
            assertEquals(
                    dataset.get("queries_with_match").intValue(),
                    result.get("queries_with_match").intValue());
            for (String metric : List.of("accuracy_at_1", "accuracy_at_3", "uap", "recall_at_rank10")) {
                double value = result.get(metric).doubleValue();
                assertTrue(value >= 0 && value <= 1, model + " " + metric + " = " + value);
            }
        }
        assertTrue(doc.at("/models/phash/images_per_second").doubleValue() > 0);
        assertEquals(
                64,
                doc.at("/settings/model_files").findValues("dimension").stream()
                        .mapToInt(JsonNode::intValue)
                        .filter(d -> d == 64)
                        .sum(),
                "phash's 64-d identity is recorded");

        // edits.csv from dataset copydetect lies beside the ground truth: bench breaks results down by its types.
        Set<String> vocabulary = new HashSet<>();
        dataset.get("edit_types").forEach(type -> vocabulary.add(type.asText()));
        List<String> edits = doc.get("edits").findValuesAsText("edit");
        assertTrue(!edits.isEmpty() && vocabulary.containsAll(edits), edits + " within " + vocabulary);
        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("phash") && html.contains("tclip+tdino") && html.contains("By edit"));
    }
}
