package dev.lookalike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookalike.image.SamplePhotos;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench} end to end on a small DISC21-layout set made here from COCO photos (crops and
 * flips), with the tiny fixture models declared in a {@code models.json}.
 */
class BenchCommandTest {

    private static final int REFERENCES = 10;
    private static final int COPIES = 6;

    @TempDir
    static Path dir;

    @BeforeAll
    static void makeSet() throws IOException {
        List<Path> photos = SamplePhotos.first(REFERENCES + 2);
        Files.createDirectories(dir.resolve("set/references"));
        Files.createDirectories(dir.resolve("set/queries"));
        StringBuilder truth = new StringBuilder("query_id,reference_id\n");
        StringBuilder edits = new StringBuilder("query_id,edits,parameters\n");
        for (int i = 0; i < REFERENCES; i++) {
            Files.copy(photos.get(i), dir.resolve("set/references/R%03d.jpg".formatted(i)));
        }
        for (int i = 0; i < COPIES; i++) {
            boolean flip = i % 2 == 1;
            edit(photos.get(i), dir.resolve("set/queries/Q%03d.jpg".formatted(i)), flip);
            truth.append("Q%03d,R%03d%n".formatted(i, i));
            edits.append("Q%03d,%s,\"x=0.1,y=0.1\"%n".formatted(i, flip ? "crop+flip" : "crop"));
        }
        for (int i = 0; i < 2; i++) { // distractors: edited photos held out of the references
            edit(photos.get(REFERENCES + i), dir.resolve("set/queries/Q%03d.jpg".formatted(COPIES + i)), false);
            truth.append("Q%03d,%n".formatted(COPIES + i));
            edits.append("Q%03d,crop,%n".formatted(COPIES + i));
        }
        Files.writeString(dir.resolve("set/ground_truth.csv"), truth);
        Files.writeString(dir.resolve("set/edits.csv"), edits);
        TinyCatalog.home(dir.resolve("home"));
    }

    /** A 10% crop on every side, mirrored when {@code flip}. */
    private static void edit(Path from, Path to, boolean flip) throws IOException {
        BufferedImage in = ImageIO.read(from.toFile());
        int x = in.getWidth() / 10;
        int y = in.getHeight() / 10;
        int w = in.getWidth() - 2 * x;
        int h = in.getHeight() - 2 * y;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        if (flip) {
            g.drawImage(in, w, 0, 0, h, x, y, x + w, y + h, null);
        } else {
            g.drawImage(in, 0, 0, w, h, x, y, x + w, y + h, null);
        }
        g.dispose();
        ImageIO.write(out, "jpg", to.toFile());
    }

    private static CliRun bench(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "bench",
                "--home",
                dir.resolve("home").toString(),
                "--device",
                "cpu",
                "--threads",
                "1",
                "-q",
                "--queries",
                dir.resolve("set/queries").toString(),
                "--references",
                dir.resolve("set/references").toString(),
                "--ground-truth",
                dir.resolve("set/ground_truth.csv").toString()));
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(String[]::new));
    }

    @Test
    void benchWritesTheTableJsonAndReport() throws IOException {
        Path out = dir.resolve("report");
        Path json = dir.resolve("out.json");
        CliRun run = bench(
                "--models",
                "tclip,tdino,tclip+tdino,tclip+tdino:rrf",
                "-k",
                "5",
                "--report",
                out.toString(),
                "--json",
                json.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("8 queries (6 with a match), 10 references, top 5"), run.out());
        assertTrue(run.out().contains("tclip vs tdino: both right"), run.out());

        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals(List.of("tclip", "tdino", "tclip+tdino", "tclip+tdino:rrf"), names(doc.get("models")));
        for (JsonNode model : doc.get("models")) {
            for (String metric : List.of(
                    "accuracy_at_1", "accuracy_at_3", "uap", "recall_at_p90", "recall_at_rank1", "recall_at_rank10")) {
                double v = model.get(metric).doubleValue();
                assertTrue(v >= 0 && v <= 1, metric + " = " + v);
            }
            assertEquals(6, model.get("queries_with_match").intValue());
            assertEquals(8, model.get("queries_total").intValue());
            assertTrue(model.get("accuracy_at_3").doubleValue()
                    >= model.get("accuracy_at_1").doubleValue());
            // every query has k candidates pooled: 8 x 5
            assertEquals(40, model.get("predictions").intValue());
            assertEquals(
                    List.of(0.9, 0.95, 0.99),
                    model.get("thresholds").findValues("precision").stream()
                            .map(JsonNode::doubleValue)
                            .toList());
            for (JsonNode t : model.get("thresholds")) {
                assertTrue(
                        t.get("threshold").isNull()
                                || t.get("precision_reached").doubleValue()
                                        >= t.get("precision").doubleValue(),
                        t.toString());
            }
        }
        assertTrue(run.out().contains("threshold at"), run.out());
        assertTrue(Files.readString(out.resolve("index.html")).contains("Calibrated thresholds"));
        assertEquals(
                List.of("cosine", "cosine", "cosine", "rrf"),
                names(doc.get("models")).stream()
                        .map(name -> doc.get("models").get(name).get("score").asText())
                        .toList());
        assertTrue(run.out().contains("* :rrf rows pool rank scores"), run.out());
        assertTrue(doc.at("/models/tclip/images_per_second").doubleValue() > 0);
        assertTrue(doc.at("/models/tclip+tdino/images_per_second").isNull());
        assertEquals(6, doc.get("overlaps").size());
        JsonNode pair = doc.get("overlaps").get(0);
        assertEquals(
                6,
                pair.get("both_right").intValue()
                        + pair.get("neither").intValue()
                        + pair.get("only_a").intValue()
                        + pair.get("only_b").intValue());
        assertEquals(List.of("crop", "flip"), doc.get("edits").findValuesAsText("edit"));
        assertEquals(6, doc.get("edits").get(0).get("queries").intValue());
        assertEquals(3, doc.get("edits").get(1).get("queries").intValue());

        assertEquals(
                doc.get("models"),
                new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("models"));
        JsonNode predictions =
                new ObjectMapper().readTree(out.resolve("predictions.json").toFile());
        assertEquals(5, predictions.at("/tdino/Q000").size());
        String html = Files.readString(out.resolve("index.html"));
        for (String part : List.of(
                "<svg",
                "Accuracy@1",
                "Top-3 accuracy",
                "uAP (ISC2021)",
                "Precision-recall",
                "Extraction, references",
                "tclip vs tdino",
                "Both right",
                "By edit",
                "ONNX sha256",
                "thumbs/")) {
            assertTrue(html.contains(part), part);
        }
        String rrfRow = html.substring(html.indexOf("<tr><td>tclip+tdino:rrf</td>"));
        rrfRow = rrfRow.substring(0, rrfRow.indexOf("</tr>"));
        assertEquals(2, rrfRow.split("href=\"#rank-scores\"", -1).length - 1, "uAP and recall@P90 are marked");
        assertTrue(html.contains("<p id=\"rank-scores\">"), "the footnote");
        try (Stream<Path> thumbs = Files.list(out.resolve("thumbs"))) {
            assertTrue(thumbs.count() >= 6);
        }
    }

    @Test
    void theMeanCosineFusionScoresTheMeanOfTheComponentsCosines() throws IOException {
        Path json = dir.resolve("fusion.json");
        Path out = dir.resolve("fusion-report");
        assertEquals(
                0,
                bench("--models", "tclip,tdino,tclip+tdino", "-k", "10", "--report", out.toString())
                        .exitCode());
        JsonNode p = new ObjectMapper().readTree(out.resolve("predictions.json").toFile());
        // With k = 10 = every reference, each model scores every reference of every query.
        for (String query : List.of("Q000", "Q003", "Q007")) {
            for (JsonNode fused : p.at("/tclip+tdino/" + query)) {
                String reference = fused.get("reference").asText();
                double expected =
                        (score(p.at("/tclip/" + query), reference) + score(p.at("/tdino/" + query), reference)) / 2;
                assertEquals(expected, fused.get("score").doubleValue(), 1e-5, query + " " + reference);
            }
        }
        assertTrue(Files.notExists(json));
        assertFalse(Files.readString(out.resolve("index.html")).contains("rank-scores"), "no :rrf row, no footnote");
    }

    private static double score(JsonNode candidates, String reference) {
        for (JsonNode c : candidates) {
            if (c.get("reference").asText().equals(reference)) {
                return c.get("score").doubleValue();
            }
        }
        throw new AssertionError(reference + " not among " + candidates);
    }

    @Test
    void aPersistentIndexIsReusedByTheNextRun() throws IOException {
        Path index = dir.resolve("refs.lookalike");
        Path first = dir.resolve("first.json");
        Path second = dir.resolve("second.json");
        assertEquals(
                0,
                bench("--models", "tclip", "--index", index.toString(), "--json", first.toString())
                        .exitCode());
        assertEquals(
                0,
                bench("--models", "tclip", "--index", index.toString(), "--json", second.toString())
                        .exitCode());
        JsonNode a = new ObjectMapper().readTree(first.toFile()).at("/models/tclip");
        JsonNode b = new ObjectMapper().readTree(second.toFile()).at("/models/tclip");
        assertTrue(a.get("images_per_second").doubleValue() > 0);
        assertTrue(b.get("images_per_second").isNull(), "nothing extracted the second time");
        assertEquals(a.get("uap"), b.get("uap"));
        assertEquals(a.get("accuracy_at_1"), b.get("accuracy_at_1"));
    }

    @Test
    void badInputsGiveOneLineNamingTheProblem() throws IOException {
        CliRun unknown = bench("--models", "tclip,nope");
        assertEquals(ExitCode.USAGE, unknown.exitCode());
        assertTrue(unknown.err().contains("nope"), unknown.err());

        Path truth = dir.resolve("bad.csv");
        Files.writeString(truth, "query_id,reference_id\nQ000,R000\nQ999,R001\n");
        CliRun missing = CliRun.run(
                "bench",
                "--home",
                dir.resolve("home").toString(),
                "--models",
                "tclip",
                "--queries",
                dir.resolve("set/queries").toString(),
                "--references",
                dir.resolve("set/references").toString(),
                "--ground-truth",
                truth.toString());
        assertEquals(ExitCode.FAILED, missing.exitCode());
        assertEquals(
                "lookalike: " + truth + ": query Q999 has no image in " + dir.resolve("set/queries"),
                missing.err().strip());

        Files.writeString(truth, "query,reference\n");
        CliRun header = CliRun.run(
                "bench",
                "--home",
                dir.resolve("home").toString(),
                "--models",
                "tclip",
                "--queries",
                dir.resolve("set/queries").toString(),
                "--references",
                dir.resolve("set/references").toString(),
                "--ground-truth",
                truth.toString());
        assertEquals(ExitCode.FAILED, header.exitCode());
        assertEquals(1, header.errLines());
        assertTrue(header.err().contains(truth + ":1: expected the header query_id,reference_id"), header.err());

        assertEquals(ExitCode.USAGE, bench("-k", "2").exitCode());
        assertEquals(ExitCode.USAGE, bench("--limit-queries", "0").exitCode());
        assertEquals(ExitCode.USAGE, bench("--models", "tclip+tclip").exitCode());
    }

    @Test
    void anEditsFileOfTheUsersOwnBesideTheGroundTruthIsLeftOutWithOneWarning() throws IOException {
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Path truth = Files.copy(dir.resolve("set/ground_truth.csv"), notes.resolve("ground_truth.csv"));
        Path edits = Files.writeString(
                notes.resolve("edits.csv"), "query_id,reference_id,source_photo\nQ000,R000,beach.jpg\n");
        Path report = dir.resolve("notes-report");
        List<String> args = List.of(
                "bench",
                "--home",
                dir.resolve("home").toString(),
                "--device",
                "cpu",
                "--threads",
                "1",
                "-q",
                "--models",
                "tclip",
                "--queries",
                dir.resolve("set/queries").toString(),
                "--references",
                dir.resolve("set/references").toString(),
                "--ground-truth",
                truth.toString());

        CliRun run = CliRun.run(concat(args, "--report", report.toString()));

        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        assertEquals(1, run.errLines(), run.err());
        assertTrue(
                run.err()
                        .startsWith("lookalike: warning: " + edits.toAbsolutePath()
                                + ":1: expected the header query_id,edits,parameters"),
                run.err());
        assertFalse(Files.readString(report.resolve("index.html")).contains("By edit"), "no results per edit type");

        CliRun given = CliRun.run(concat(args, "--edits", edits.toString()));
        assertEquals(ExitCode.FAILED, given.exitCode(), given::toString);
        assertEquals(1, given.errLines(), given.err());
        assertTrue(given.err().startsWith("lookalike: " + edits + ":1: expected the header"), given.err());
    }

    private static String[] concat(List<String> args, String... more) {
        List<String> all = new java.util.ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void aBackgroundAddsEachModelsVariantsToTheTableAndJson() throws IOException {
        Path background = Files.createDirectories(dir.resolve("background"));
        for (Path photo : SamplePhotos.all().subList(REFERENCES + 2, REFERENCES + 8)) {
            Files.copy(photo, background.resolve(photo.getFileName()));
        }
        Path json = dir.resolve("background.json");
        CliRun run = bench(
                "--models",
                "tclip,tclip+tdino:rrf",
                "-k",
                "5",
                "--background",
                background.toString(),
                "--whiten",
                "--score-norm",
                "1.0[0,1]",
                "--json",
                json.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(
                run.out()
                        .contains("background: " + background + " (6 images), score normalisation 1.0[0,1],"
                                + " whitened to tclip 5-d, tdino 5-d"),
                run.out());
        for (String variant : List.of("raw", "score_norm", "whiten", "whiten+score_norm")) {
            assertTrue(
                    run.out()
                            .lines()
                            .anyMatch(line -> line.matches("tclip +" + java.util.regex.Pattern.quote(variant) + " .*")),
                    variant + "\n" + run.out());
        }
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals(List.of("score_norm", "whiten", "whiten+score_norm"), names(doc.at("/models/tclip/variants")));
        assertEquals(
                List.of("whiten"),
                names(doc.at("/models/tclip+tdino:rrf/variants")),
                "rank scores can't be normalised");
        assertEquals("1.0[0,1]", doc.at("/settings/background/score_norm").asText());
        assertEquals(6, doc.at("/settings/background/images").intValue());
        assertEquals(doc.at("/models/tclip/accuracy_at_1"), doc.at("/models/tclip/variants/score_norm/accuracy_at_1"));

        assertEquals(ExitCode.USAGE, bench("--whiten").exitCode());
        CliRun alone = bench("--score-norm", "1.0[0,2]");
        assertEquals(ExitCode.USAGE, alone.exitCode());
        assertTrue(alone.err().contains("--score-norm needs --background DIR"), alone.err());
        CliRun bad = bench("--background", background.toString(), "--score-norm", "1.0[2,0]");
        assertEquals(ExitCode.USAGE, bad.exitCode());
        assertEquals(1, bad.errLines());
        assertEquals(
                ExitCode.USAGE,
                bench("--background", background.toString(), "--whiten", "-3").exitCode());
    }

    @Test
    void limitQueriesTakesTheFirstQueriesOfTheGroundTruth() {
        CliRun run = bench("--models", "tclip", "--limit-queries", "4");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("4 queries (4 with a match), 10 references, top 10"), run.out());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void referenceVectorsFromParquetGiveTheSameResultsWithoutExtracting() throws IOException {
        // the export also holds the queries themselves: exact copies that would top every ranking if scored
        Path more = dir.resolve("references-and-queries");
        copyImages(dir.resolve("set/references"), more, name -> true);
        copyImages(dir.resolve("set/queries"), more, name -> true);
        Path parquet = exportParquet(more, "refs-parquet");
        Path extracted = dir.resolve("extracted.json");
        Path fromParquet = dir.resolve("from-parquet.json");

        assertEquals(
                0, bench("--models", "tclip", "--json", extracted.toString()).exitCode());
        CliRun run = bench(
                "--models", "tclip", "--reference-embeddings", parquet.toString(), "--json", fromParquet.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains(", 10 references, top 10"), run.out());
        JsonNode a = new ObjectMapper().readTree(extracted.toFile()).at("/models/tclip");
        JsonNode b = new ObjectMapper().readTree(fromParquet.toFile()).at("/models/tclip");
        assertTrue(b.get("images_per_second").isNull(), "nothing extracted");
        for (String metric : List.of("accuracy_at_1", "accuracy_at_3", "uap", "recall_at_rank1", "recall_at_rank10")) {
            assertEquals(a.get(metric).doubleValue(), b.get(metric).doubleValue(), 1e-12, metric);
        }
        CliRun none = bench("--models", "tdino", "--reference-embeddings", parquet.toString());
        assertEquals(ExitCode.USAGE, none.exitCode());
        assertTrue(none.err().contains("holds none of the models [tdino]"), none.err());

        Path fewer = dir.resolve("references-but-R003");
        copyImages(dir.resolve("set/references"), fewer, name -> !name.startsWith("R003."));
        Path shortOf = exportParquet(fewer, "short-parquet");
        CliRun missing = bench("--models", "tclip", "--reference-embeddings", shortOf.toString());
        assertEquals(ExitCode.FAILED, missing.exitCode());
        assertEquals(
                "lookalike: " + shortOf + ": 1 of the 10 references in " + dir.resolve("set/references")
                        + " have no tclip vector, such as R003",
                missing.err().strip());
    }

    /** Indexes {@code folder} with tclip and exports it to Parquet under {@code name}. */
    private static Path exportParquet(Path folder, String name) {
        Path index = dir.resolve(name + ".lookalike");
        Path parquet = dir.resolve(name);
        assertEquals(
                0,
                CliRun.run(
                                "index",
                                folder.toString(),
                                "--index",
                                index.toString(),
                                "--home",
                                dir.resolve("home").toString(),
                                "--models",
                                "tclip",
                                "-q")
                        .exitCode());
        assertEquals(
                0,
                CliRun.run("index", "export-parquet", index.toString(), "--out", parquet.toString())
                        .exitCode());
        return parquet;
    }

    private static void copyImages(Path from, Path to, java.util.function.Predicate<String> keep) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file :
                    files.filter(f -> keep.test(f.getFileName().toString())).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
