package dev.lookalike.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ISC2021's metrics against values computed independently with numpy
 * ({@code tools/fixtures/isc_metrics.py}) on a seeded case with ties, distractors, queries
 * without predictions and references that several queries copy (the metrics are per query), and the calibrated thresholds on a larger case with many ties.
 */
class IscReferenceTest {

    private static final Path DIR = Path.of("src/test/resources/fixtures/isc");

    @Test
    void matchesTheNumpyReimplementation() throws Exception {
        IscMetrics metrics = metrics("");
        JsonNode expected = expected("");
        GroundTruth truth = GroundTruth.read(DIR.resolve("ground_truth.csv"));
        long copied = truth.queriesWithMatch().stream()
                .map(q -> truth.reference(q).orElseThrow())
                .distinct()
                .count();
        assertTrue(copied < truth.queriesWithMatch().size(), "the case has references that several queries copy");
        assertEquals(expected.get("positives").intValue(), metrics.positives());
        assertEquals(expected.get("predictions").intValue(), metrics.curve().size());
        assertEquals(expected.get("uap").doubleValue(), metrics.uap(), 1e-12);
        assertEquals(expected.get("recall_at_p90").doubleValue(), metrics.recallAtP90(), 1e-12);
        assertEquals(expected.get("recall_at_rank1").doubleValue(), metrics.recallAtRank1(), 1e-12);
        assertEquals(expected.get("recall_at_rank10").doubleValue(), metrics.recallAtRank10(), 1e-12);
        assertThresholds(expected.get("thresholds"), metrics.calibrations());
    }

    @Test
    void calibratedThresholdsMatchTheNumpyReimplementation() throws Exception {
        IscMetrics metrics = metrics("calibration_");
        JsonNode expected = expected("calibration_");
        assertEquals(expected.get("positives").intValue(), metrics.positives());
        assertThresholds(expected.get("thresholds"), metrics.calibrations());
    }

    private static void assertThresholds(JsonNode expected, List<Calibration> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < actual.size(); i++) {
            JsonNode e = expected.get(i);
            Calibration c = actual.get(i);
            assertEquals(e.get("precision").doubleValue(), c.precision(), 1e-12);
            if (e.get("threshold").isNull()) {
                assertTrue(c.threshold().isEmpty(), "no threshold expected at " + c.precision());
            } else {
                assertEquals(e.get("threshold").doubleValue(), c.threshold().orElseThrow(), 1e-12);
            }
            assertEquals(e.get("recall").doubleValue(), c.recall(), 1e-12);
            assertEquals(e.get("precision_reached").doubleValue(), c.achieved(), 1e-12);
        }
    }

    private static IscMetrics metrics(String prefix) throws Exception {
        GroundTruth truth = GroundTruth.read(DIR.resolve(prefix + "ground_truth.csv"));
        Map<String, List<Candidate>> byQuery = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(DIR.resolve(prefix + "predictions.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            byQuery.computeIfAbsent(f[0], q -> new ArrayList<>()).add(new Candidate(f[1], Double.parseDouble(f[2])));
        }
        // The search returns candidates best first; the fixture lists them in random order.
        byQuery.values().forEach(list -> list.sort((a, b) -> Double.compare(b.score(), a.score())));
        return IscMetrics.of(truth, new Predictions("m", byQuery));
    }

    private static JsonNode expected(String prefix) throws Exception {
        return new ObjectMapper().readTree(DIR.resolve(prefix + "expected.json").toFile());
    }
}
