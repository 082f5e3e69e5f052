package dev.lookalike.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.store.IndexStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuplicateFinderTest {

    @TempDir
    Path dir;

    private static Duplicates find(IndexStore store, String model, float threshold) throws IOException {
        return DuplicateFinder.find(store, new DedupRequest(model, threshold, 2), ProgressReporter.silent());
    }

    private static List<List<String>> paths(Duplicates found) {
        return found.groups().stream()
                .map(g -> g.members().stream().map(GroupMember::path).toList())
                .toList();
    }

    @Test
    void aChainDoesNotPullFarFilesIntoTheKeepersGroup() throws IOException {
        // a-b and b-c are at cosine 0.940 (20 degrees), a-c at 0.766 (40 degrees); the threshold is 0.9.
        try (IndexStore store = DedupFixture.create(dir.resolve("i"))) {
            DedupFixture.put(store, "a.jpg", 0, 300);
            DedupFixture.put(store, "b.jpg", 20, 200);
            DedupFixture.put(store, "c.jpg", 40, 100);
            Duplicates found = find(store, "clip", 0.9f);
            assertEquals(List.of(List.of("a.jpg", "b.jpg")), paths(found), "c is not within 0.9 of the keeper a");
            assertEquals(2, found.pairs().size(), "both pairs are reported");
            assertEquals(
                    Math.cos(Math.toRadians(20)),
                    found.groups().getFirst().members().get(1).cosine(),
                    1e-6);
        }
    }

    @Test
    void aKeeperInTheMiddleOfAChainKeepsBothEnds() throws IOException {
        try (IndexStore store = DedupFixture.create(dir.resolve("i"))) {
            DedupFixture.put(store, "a.jpg", 0, 100);
            DedupFixture.put(store, "b.jpg", 20, 300);
            DedupFixture.put(store, "c.jpg", 40, 200);
            assertEquals(
                    List.of(List.of("b.jpg", "a.jpg", "c.jpg")),
                    paths(find(store, "clip", 0.9f)),
                    "a and c are each within 0.9 of the keeper b (members sorted by cosine, then path)");
        }
    }

    @Test
    void aLongChainSplitsIntoGroupsAroundKeepers() throws IOException {
        try (IndexStore store = DedupFixture.create(dir.resolve("i"))) {
            for (int i = 0; i < 5; i++) {
                DedupFixture.put(store, (char) ('a' + i) + ".jpg", 20 * i, 500 - 100 * i);
            }
            // Keepers in pixel order: a takes b; c (next best left) takes d; e is alone. a and e (80 degrees) never
            // meet.
            assertEquals(
                    List.of(List.of("a.jpg", "b.jpg"), List.of("c.jpg", "d.jpg")), paths(find(store, "clip", 0.9f)));
        }
    }

    @Test
    void sameContentIsOneGroupWhateverTheCosine() throws IOException {
        String sha = "c".repeat(64);
        try (IndexStore store = DedupFixture.create(dir.resolve("i"))) {
            DedupFixture.put(store, "x/copy.jpg", 0, 0, 100, 100, 1000, 5000, sha);
            DedupFixture.put(store, "y/copy.jpg", 90, 90, 100, 100, 1000, 4000, sha);
            DedupFixture.put(store, "z.jpg", 45, 45, 100, 100, 1000, 4000, "d".repeat(64));
            Duplicates found = find(store, "clip", 0.99f);
            assertEquals(List.of(List.of("y/copy.jpg", "x/copy.jpg")), paths(found), "the older copy is kept");
            assertEquals(KeeperRule.Reason.OLDEST, found.groups().getFirst().reason());
            assertEquals(1f, found.groups().getFirst().members().get(1).cosine());
            assertEquals(List.of(new DuplicatePair("x/copy.jpg", "y/copy.jpg", 1f)), found.pairs());
            assertEquals(1000, found.duplicateBytes());
        }
    }

    @Test
    void theKeeperHasTheMostPixelsThenTheLargestFileThenTheOldestThenTheFirstPath() throws IOException {
        try (IndexStore store = DedupFixture.create(dir.resolve("i"))) {
            DedupFixture.put(store, "p1.jpg", 0, 1, 200, 100, 10, 9, "1".repeat(64));
            DedupFixture.put(store, "p2.jpg", 1, 1, 100, 100, 99, 1, "2".repeat(64));
            assertEquals(KeeperRule.Reason.MOST_PIXELS, only(find(store, "clip", 0.99f), "p1.jpg"));
            DedupFixture.put(store, "p2.jpg", 1, 1, 100, 200, 11, 9, "2".repeat(64)); // same pixels, larger
            assertEquals(KeeperRule.Reason.LARGEST_FILE, only(find(store, "clip", 0.99f), "p2.jpg"));
            DedupFixture.put(store, "p2.jpg", 1, 1, 100, 200, 10, 8, "2".repeat(64)); // same size, older
            assertEquals(KeeperRule.Reason.OLDEST, only(find(store, "clip", 0.99f), "p2.jpg"));
            DedupFixture.put(store, "p2.jpg", 1, 1, 100, 200, 10, 9, "2".repeat(64)); // all equal
            assertEquals(KeeperRule.Reason.FIRST_PATH, only(find(store, "clip", 0.99f), "p1.jpg"));
        }
    }

    private static KeeperRule.Reason only(Duplicates found, String keeper) {
        assertEquals(1, found.groups().size(), found.groups().toString());
        assertEquals(keeper, found.groups().getFirst().keep().path());
        return found.groups().getFirst().reason();
    }

    @Test
    void aFusionUsesTheMeanCosine() throws IOException {
        try (IndexStore store = DedupFixture.create(dir.resolve("i"))) {
            DedupFixture.put(store, "a.jpg", 0, 0, 100, 100, 1, 1, "1".repeat(64));
            DedupFixture.put(store, "b.jpg", 10, 40, 100, 100, 1, 1, "2".repeat(64));
            double mean = (Math.cos(Math.toRadians(10)) + Math.cos(Math.toRadians(40))) / 2; // 0.875
            Duplicates found = find(store, "clip+dinov2", 0.87f);
            assertEquals(mean, found.pairs().getFirst().cosine(), 1e-6);
            assertEquals(0, find(store, "clip+dinov2", 0.88f).groups().size());
            assertEquals(1, find(store, "clip", 0.88f).groups().size());
        }
    }

    @Test
    void groupsMarkedNotDuplicatesStayHiddenUntilAFileJoins() throws IOException {
        try (IndexStore store = DedupFixture.create(dir.resolve("i"))) {
            DedupFixture.put(store, "a.jpg", 0, 300);
            DedupFixture.put(store, "b.jpg", 5, 200);
            DedupFixture.put(store, "c.jpg", 90, 200);
            DedupFixture.put(store, "d.jpg", 95, 100);
            store.recordNotDuplicates(List.of("a.jpg", "b.jpg"));
        }
        try (IndexStore store = IndexStore.open(dir.resolve("i"), IndexStore.Access.READ_WRITE)) {
            Duplicates found = find(store, "clip", 0.9f);
            assertEquals(List.of(List.of("c.jpg", "d.jpg")), paths(found), "the decision outlives the store's close");
            assertEquals(1, found.ignoredGroups());
            assertTrue(found.pairs().stream().noneMatch(p -> p.a().equals("a.jpg")), "its pair is hidden too");
            DedupFixture.put(store, "a2.jpg", 2, 100);
            assertEquals(
                    List.of(List.of("a.jpg", "a2.jpg", "b.jpg"), List.of("c.jpg", "d.jpg")),
                    paths(find(store, "clip", 0.9f)),
                    "a new member shows the group again");
            assertEquals(1, store.clearNotDuplicates());
            assertEquals(0, find(store, "clip", 0.9f).ignoredGroups());
        }
    }

    @Test
    void refusesAModelTheIndexLacksAnRrfFusionAndThresholdsOutOfRange() throws IOException {
        try (IndexStore store = DedupFixture.create(dir.resolve("i"))) {
            IllegalArgumentException unknown =
                    assertThrows(IllegalArgumentException.class, () -> find(store, "phash", 0.9f));
            assertTrue(unknown.getMessage().contains("no model 'phash' (it has clip, dinov2)"), unknown.getMessage());
            assertThrows(IllegalArgumentException.class, () -> find(store, "clip+dinov2:rrf", 0.9f));
            assertThrows(IllegalArgumentException.class, () -> find(store, "clip+nope", 0.9f));
            for (float bad : new float[] {0f, -0.5f, 1.01f, Float.NaN}) {
                assertThrows(IllegalArgumentException.class, () -> new DedupRequest("clip", bad, 1), "" + bad);
            }
        }
    }

    @Test
    void hammingDistancesAreExactCosines() {
        assertEquals(0.6875f, DedupThresholds.fromHamming(10, 64));
        assertEquals(1f, DedupThresholds.fromHamming(0, 64));
        assertThrows(IllegalArgumentException.class, () -> DedupThresholds.fromHamming(32, 64));
        assertThrows(IllegalArgumentException.class, () -> DedupThresholds.fromHamming(-1, 64));
        assertEquals((0.95f + 0.90f) / 2, DedupThresholds.defaultFor("clip+dinov2"), 1e-6);
    }
}
