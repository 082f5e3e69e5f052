package dev.lookalike.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * ({@code tools/fixtures/isc_metrics.py}) on a seeded case with ties, distractors and queries
 * without predictions.
 */
class IscReferenceTest {

    private static final Path DIR = Path.of("src/test/resources/fixtures/isc");

    @Test
    void matchesTheNumpyReimplementation() throws Exception {
        GroundTruth truth = GroundTruth.read(DIR.resolve("ground_truth.csv"));
        Map<String, List<Candidate>> byQuery = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(DIR.resolve("predictions.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            byQuery.computeIfAbsent(f[0], q -> new ArrayList<>()).add(new Candidate(f[1], Double.parseDouble(f[2])));
        }
        // The search returns candidates best first; the fixture lists them in random order.
        byQuery.values().forEach(list -> list.sort((a, b) -> Double.compare(b.score(), a.score())));
        IscMetrics metrics = IscMetrics.of(truth, new Predictions("m", byQuery));
        JsonNode expected = new ObjectMapper().readTree(DIR.resolve("expected.json").toFile());
        assertEquals(expected.get("positives").intValue(), metrics.positives());
        assertEquals(expected.get("predictions").intValue(), metrics.curve().size());
        assertEquals(expected.get("uap").doubleValue(), metrics.uap(), 1e-12);
        assertEquals(expected.get("recall_at_p90").doubleValue(), metrics.recallAtP90(), 1e-12);
        assertEquals(expected.get("recall_at_rank1").doubleValue(), metrics.recallAtRank1(), 1e-12);
        assertEquals(expected.get("recall_at_rank10").doubleValue(), metrics.recallAtRank10(), 1e-12);
    }
}
