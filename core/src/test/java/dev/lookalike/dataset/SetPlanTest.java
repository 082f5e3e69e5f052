package dev.lookalike.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Which reference each query copies: spread evenly, or in groups of a fixed size, always seeded. */
class SetPlanTest {

    private static final List<String> PHOTOS = photos(40);

    @Test
    void fewerQueriesThanReferencesCopyEachReferenceAtMostOnce() {
        SetPlan plan = SetPlan.draw(PHOTOS, new SetCounts(30, 20, 10), OptionalInt.empty(), 7);

        Map<Integer, Long> copies = copies(plan);
        assertEquals(20, copies.size());
        assertEquals(List.of(1L), copies.values().stream().distinct().toList());
        assertEquals(10, plan.distractors());
    }

    @Test
    void moreQueriesThanReferencesUseEveryReferenceAsEvenlyAsPossible() {
        SetPlan plan = SetPlan.draw(PHOTOS, new SetCounts(30, 100, 10), OptionalInt.empty(), 7);

        Map<Integer, Long> copies = copies(plan);
        assertEquals(30, copies.size(), "every reference is copied");
        assertEquals(
                List.of(3L, 4L), copies.values().stream().distinct().sorted().toList(), copies.toString());
        assertEquals(10, copies.values().stream().filter(n -> n == 4).count(), "100 = 30 x 3 + 10");
        for (SetPlan.QuerySource query : plan.queries()) {
            if (!query.distractor()) {
                assertEquals(plan.references().get(query.reference()), query.source());
            }
        }
    }

    @Test
    void aFixedNumberOfCopiesGroupsTheQueriesByReference() {
        SetPlan plan = SetPlan.draw(PHOTOS, new SetCounts(30, 18, 10), OptionalInt.of(4), 7);

        assertEquals(
                List.of(2L, 4L, 4L, 4L, 4L),
                copies(plan).values().stream().sorted().toList());
    }

    @Test
    void theSameSeedDrawsTheSamePlan() {
        SetCounts counts = new SetCounts(30, 45, 10);
        assertEquals(
                SetPlan.draw(PHOTOS, counts, OptionalInt.empty(), 3),
                SetPlan.draw(PHOTOS, counts, OptionalInt.empty(), 3));
    }

    private static Map<Integer, Long> copies(SetPlan plan) {
        return plan.queries().stream()
                .filter(query -> !query.distractor())
                .collect(Collectors.groupingBy(SetPlan.QuerySource::reference, TreeMap::new, Collectors.counting()));
    }

    private static List<String> photos(int count) {
        List<String> photos = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            photos.add(String.format("p%02d.jpg", i));
        }
        return photos;
    }
}
