package dev.lookalike.cli;

import static dev.lookalike.cli.CliFixtures.withModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code compare} end to end on the tiny models against the PyTorch references. */
class CompareCommandTest {

    // Two fixture images with PyTorch references: a JPEG (decoded exactly as PIL does) and a PNG.
    private static final String A = "000000001503.jpg";
    private static final String B = "000000005586_png.png";

    @ParameterizedTest
    @ValueSource(strings = {"clip", "dinov2"})
    void jsonCosineIsThatOfThePyTorchEmbeddings(String model) throws Exception {
        String a = CliFixtures.image(A).toString();
        String b = CliFixtures.image(B).toString();

        CliRun run = CliRun.run(withModel(model, "compare", a, b, "--json"));

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals(List.of("a", "b", "results"), fieldNames(doc));
        assertEquals(a, doc.get("a").asText());
        assertEquals(b, doc.get("b").asText());
        assertEquals(1, doc.get("results").size());
        JsonNode result = doc.get("results").get(0);
        assertEquals(List.of("model", "cosine", "score"), fieldNames(result));
        assertEquals(model + "-tiny", result.get("model").asText());
        double cosine = result.get("cosine").asDouble();
        double expected = CliFixtures.cosine(
                CliFixtures.reference(model, "000000001503"), CliFixtures.reference(model, "000000005586_png"));
        assertEquals(expected, cosine, 1e-5);
        assertEquals((cosine + 1) / 2, result.get("score").asDouble(), 1e-12);
        // The random tiny models see most photos alike, but not identically: the tolerance must tell them apart.
        assertTrue(expected < 1 - 1e-4, "reference cosine " + expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"clip", "dinov2"})
    void tableShowsTheSameScore(String model) throws Exception {
        CliRun run = CliRun.run(withModel(
                model,
                "compare",
                CliFixtures.image(A).toString(),
                CliFixtures.image(B).toString()));

        assertEquals(0, run.exitCode(), run::toString);
        double expected = CliFixtures.cosine(
                CliFixtures.reference(model, "000000001503"), CliFixtures.reference(model, "000000005586_png"));
        String row = run.out()
                .lines()
                .filter(line -> line.startsWith(model + "-tiny"))
                .findFirst()
                .orElseThrow();
        String[] cells = row.trim().split("\\s+");
        assertEquals(expected, Double.parseDouble(cells[1]), 1e-4, row);
        assertEquals((expected + 1) / 2 * 100, Double.parseDouble(cells[2].replace("%", "")), 0.05, row);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
