package dev.lookalike.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SetCountsTest {

    private static CopyDetectionOptions options() {
        return CopyDetectionOptions.defaults();
    }

    @Test
    void defaultsHoldOutTheDistractorSourcesAndQueryAQuarter() {
        // 256 photos: 64 queries, 13 of them distractors (0.2 * 64 = 12.8), 243 references.
        assertEquals(new SetCounts(243, 51, 13), SetCounts.resolve(options(), 256));
        assertEquals(new SetCounts(1, 1, 0), SetCounts.resolve(options(), 1));
    }

    @Test
    void givenCountsAreKept() {
        CopyDetectionOptions given =
                options().withReferences(50).withQueries(20).withDistractorFraction(0.5);
        assertEquals(new SetCounts(50, 10, 10), SetCounts.resolve(given, 100));
        // Queries default to a quarter of the given references.
        assertEquals(new SetCounts(40, 8, 2), SetCounts.resolve(options().withReferences(40), 100));
    }

    @Test
    void countsThePhotosCannotFillAreRefusedWithTheNumbers() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SetCounts.resolve(options().withReferences(250).withQueries(40), 256));
        assertTrue(
                e.getMessage().contains("250 references and 8 distractor queries need 258 readable photos")
                        && e.getMessage().contains("256"),
                e.getMessage());
        IllegalArgumentException grouped = assertThrows(
                IllegalArgumentException.class,
                () -> SetCounts.resolve(
                        options()
                                .withReferences(5)
                                .withQueries(20)
                                .withDistractorFraction(0)
                                .withCopiesPerReference(3),
                        100));
        assertEquals("20 queries with a match at 3 per reference need 7 references, got 5", grouped.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> SetCounts.resolve(options().withQueries(1).withDistractorFraction(0.9), 100));
        assertThrows(IllegalArgumentException.class, () -> SetCounts.resolve(options(), 0));
    }

    @Test
    void moreQueriesWithAMatchThanReferencesAreAllowed() {
        // 30 photos, 40 queries of which 8 distractors: 22 references for 32 queries with a match.
        assertEquals(new SetCounts(22, 32, 8), SetCounts.resolve(options().withQueries(40), 30));
        assertEquals(
                new SetCounts(5, 20, 0),
                SetCounts.resolve(
                        options()
                                .withReferences(5)
                                .withQueries(20)
                                .withDistractorFraction(0)
                                .withCopiesPerReference(4),
                        100));
    }

    @Test
    void badOptionsAreRefusedWithTheirValue() {
        for (double fraction : new double[] {-0.1, 1, Double.NaN}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> options().withDistractorFraction(fraction));
            assertTrue(e.getMessage().contains(String.valueOf(fraction)), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> options().withReferences(0));
        assertThrows(IllegalArgumentException.class, () -> options().withQueries(-3));
        assertThrows(IllegalArgumentException.class, () -> options().withWorkers(0));
        assertThrows(IllegalArgumentException.class, () -> options().withCopiesPerReference(0));
        assertEquals(OptionalInt.of(3), options().withQueries(3).queries());
    }
}
