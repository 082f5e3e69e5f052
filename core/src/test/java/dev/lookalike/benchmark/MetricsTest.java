package dev.lookalike.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The article's and ISC2021's metrics on cases small enough to work out by hand. */
class MetricsTest {

    private static final double EPS = 1e-12;

    /** q1 and q2 copy r1 and r2, q3 is a distractor, q4 copies r4 but has no predictions. */
    private static GroundTruth truth() {
        Map<String, Optional<String>> map = new LinkedHashMap<>();
        map.put("q1", Optional.of("r1"));
        map.put("q2", Optional.of("r2"));
        map.put("q3", Optional.empty());
        map.put("q4", Optional.of("r4"));
        return GroundTruth.of(map);
    }

    private static Predictions predictions(List<Candidate> q2) {
        Map<String, List<Candidate>> byQuery = new LinkedHashMap<>();
        byQuery.put("q1", List.of(new Candidate("r1", 0.9), new Candidate("rx", 0.5)));
        byQuery.put("q2", q2);
        byQuery.put("q3", List.of(new Candidate("r1", 0.7)));
        return new Predictions("m", byQuery);
    }

    /** q2's true reference ties with a false one at 0.8 and is listed second. */
    private static Predictions tiedSecond() {
        return predictions(List.of(new Candidate("ry", 0.8), new Candidate("r2", 0.8)));
    }

    @Test
    void articleMetricsCountOnlyQueriesWithAMatchInTheReturnedOrder() {
        ArticleMetrics metrics = ArticleMetrics.of(truth(), tiedSecond());
        assertEquals(3, metrics.queriesWithMatch());
        assertEquals(1, metrics.top1());
        assertEquals(2, metrics.top3());
        assertEquals(1.0 / 3, metrics.accuracyAt1(), EPS);
        assertEquals(2.0 / 3, metrics.accuracyAt3(), EPS);
    }

    @Test
    void articleAccuracyTakesTheListedOrderOfATie() {
        Predictions tiedFirst = predictions(List.of(new Candidate("r2", 0.8), new Candidate("ry", 0.8)));
        assertEquals(2, ArticleMetrics.of(truth(), tiedFirst).top1());
    }

    @Test
    void uapPoolsAllQueriesAndBreaksTiesPessimistically() {
        // Pooled: (0.9 T) (0.8 F) (0.8 T) (0.7 F) (0.5 F); 3 positives.
        // Precision 1, 1/2, 2/3, 2/4, 2/5; recall 1/3, 1/3, 2/3, 2/3, 2/3.
        // uAP = 1/3 * 1 + 1/3 * 2/3 = 5/9.
        IscMetrics metrics = IscMetrics.of(truth(), tiedSecond());
        assertEquals(3, metrics.positives());
        assertEquals(5.0 / 9, metrics.uap(), EPS);
        assertEquals(5, metrics.curve().size());
        assertEquals(2.0 / 5, metrics.curve().precisions()[4], EPS);
        assertEquals(2.0 / 3, metrics.curve().recalls()[4], EPS);
    }

    @Test
    void tiesCostTheSameWhicheverOrderTheyAreListedIn() {
        IscMetrics listedFirst =
                IscMetrics.of(truth(), predictions(List.of(new Candidate("r2", 0.8), new Candidate("ry", 0.8))));
        assertEquals(5.0 / 9, listedFirst.uap(), EPS);
        assertEquals(1.0 / 3, listedFirst.recallAtRank1(), EPS);
    }

    @Test
    void recallAtP90IsTheHighestRecallWherePrecisionIsAtLeastNinetyPercent() {
        IscMetrics metrics = IscMetrics.of(truth(), tiedSecond());
        assertEquals(1.0 / 3, metrics.recallAtP90(), EPS);
        assertEquals(0.9, metrics.thresholdAtP90().orElseThrow(), EPS);
    }

    @Test
    void recallAtP90IsZeroWhenNoPointReachesIt() {
        Map<String, List<Candidate>> byQuery =
                Map.of("q1", List.of(new Candidate("rx", 0.9), new Candidate("r1", 0.1)));
        IscMetrics metrics = IscMetrics.of(truth(), new Predictions("m", byQuery));
        assertEquals(0, metrics.recallAtP90(), EPS);
        assertFalse(metrics.thresholdAtP90().isPresent());
        // Only q1's pair is found, at precision 1/2: uAP = 1/3 * 1/2.
        assertEquals(1.0 / 6, metrics.uap(), EPS);
    }

    @Test
    void recallAtRankCountsOtherCandidatesScoringAtLeastAsHigh() {
        // q1: rank 0; q2: tied with ry, rank 1; q4: never predicted.
        IscMetrics metrics = IscMetrics.of(truth(), tiedSecond());
        assertEquals(1.0 / 3, metrics.recallAtRank1(), EPS);
        assertEquals(2.0 / 3, metrics.recallAtRank10(), EPS);
    }

    @Test
    void recallAtRank10StopsAtTenBetterCandidates() {
        Map<String, List<Candidate>> byQuery = new LinkedHashMap<>();
        List<Candidate> eleven = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            eleven.add(new Candidate("x" + i, 1.0 - i * 0.01));
        }
        eleven.add(new Candidate("r1", 0.5));
        byQuery.put("q1", eleven);
        byQuery.put("q2", List.of(new Candidate("y", 0.9), new Candidate("r2", 0.1)));
        IscMetrics metrics = IscMetrics.of(truth(), new Predictions("m", byQuery));
        assertEquals(0, metrics.recallAtRank1(), EPS);
        assertEquals(1.0 / 3, metrics.recallAtRank10(), EPS); // q2 at rank 1 counts, q1 at rank 10 does not
    }

    @Test
    void noPredictionsAtAllScoreZero() {
        IscMetrics isc = IscMetrics.of(truth(), new Predictions("m", Map.of()));
        ArticleMetrics article = ArticleMetrics.of(truth(), new Predictions("m", Map.of()));
        assertEquals(0, isc.uap());
        assertEquals(0, isc.recallAtRank10());
        assertEquals(0, article.accuracyAt3());
    }

    @Test
    void aDistractorOnlyTruthHasNoPositivesAndScoresZero() {
        GroundTruth distractors = GroundTruth.of(Map.of("q3", Optional.empty()));
        IscMetrics metrics = IscMetrics.of(distractors, tiedSecond());
        assertEquals(0, metrics.positives());
        assertEquals(0, metrics.uap());
        assertEquals(0, ArticleMetrics.of(distractors, tiedSecond()).accuracyAt1());
    }

    @Test
    void aReferenceListedTwiceForOneQueryIsRejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new Predictions("m", Map.of("q1", List.of(new Candidate("r1", 0.9), new Candidate("r1", 0.8)))));
        assertEquals("m: query q1 lists reference r1 twice", e.getMessage());
    }

    @Test
    void pairOverlapSortsQueriesIntoTheArticlesFourGroups() {
        Map<String, Optional<String>> map = new LinkedHashMap<>();
        for (String q : List.of("a", "b", "c", "d", "e", "f")) {
            map.put(q, Optional.of("r" + q));
        }
        map.put("z", Optional.empty());
        GroundTruth truth = GroundTruth.of(map);
        Predictions first = new Predictions(
                "A",
                Map.of(
                        "a",
                        List.of(c("ra"), c("x")),
                        "b",
                        List.of(c("x"), c("rb")),
                        "c",
                        List.of(c("rc")),
                        "d",
                        List.of(c("x"), c("y"), c("z"), c("rd")),
                        "e",
                        List.of(c("re")),
                        "z",
                        List.of(c("ra"))));
        Predictions second = new Predictions(
                "B",
                Map.of(
                        "a",
                        List.of(c("ra")),
                        "b",
                        List.of(c("x")),
                        "c",
                        List.of(c("x"), c("y"), c("rc")),
                        "d",
                        List.of(c("rd")),
                        "e",
                        List.of(c("x"), c("y"), c("z"), c("re")),
                        "f",
                        List.of(c("rf"))));
        PairOverlap overlap = PairOverlap.of(truth, first, second);
        assertEquals(List.of("a"), overlap.bothRight());
        assertEquals(List.of("b"), overlap.neither());
        assertEquals(List.of("c", "e"), overlap.onlyA());
        assertEquals(List.of("c"), overlap.onlyATop3OfB());
        assertEquals(List.of("d", "f"), overlap.onlyB());
        assertEquals(List.of(), overlap.onlyBTop3OfA());
    }

    @Test
    void editBreakdownCountsAQueryUnderEachOfItsEdits() {
        EditLog edits = EditLog.of(Map.of(
                "q1", List.of("crop", "flip"), "q2", List.of("crop"), "q3", List.of("blur"), "q4", List.of("flip")));
        List<EditBreakdown> rows = EditBreakdown.of(truth(), edits, List.of(tiedSecond()));
        assertEquals(
                List.of("blur", "crop", "flip"),
                rows.stream().map(EditBreakdown::edit).toList());
        assertEquals(0, rows.get(0).queries()); // q3 is a distractor
        assertEquals(2, rows.get(1).queries());
        assertEquals(1, rows.get(1).byModel().get("m").top1());
        assertEquals(2, rows.get(2).queries());
        assertEquals(0.5, rows.get(2).byModel().get("m").accuracyAt1(), EPS);
    }

    private static Candidate c(String reference) {
        return new Candidate(reference, 0.5);
    }
}
