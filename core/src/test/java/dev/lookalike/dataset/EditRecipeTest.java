package dev.lookalike.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EditRecipeTest {

    private static final BufferedImage BACKGROUND = Images.blank(40, 30);

    @Test
    void queriesGetOneToThreeDistinctEditsInApplicationOrderAndEveryTypeOccurs() throws IOException {
        Set<EditType> seen = EnumSet.noneOf(EditType.class);
        int[] byCount = new int[4];
        for (int query = 0; query < 2000; query++) {
            List<Edit> edits = EditRecipe.draw(EditRecipe.forQuery(7, query), List.of("bg.jpg"), name -> BACKGROUND);
            List<EditType> types = edits.stream().map(Edit::type).toList();
            assertTrue(types.size() >= 1 && types.size() <= 3, types.toString());
            assertEquals(types.stream().distinct().count(), types.size(), types.toString());
            List<EditType> sorted = new ArrayList<>(types);
            sorted.sort(null);
            assertEquals(sorted, types, "not in application order");
            seen.addAll(types);
            byCount[types.size()]++;
        }
        assertEquals(EnumSet.allOf(EditType.class), seen);
        // 40% / 40% / 20% of 2000 queries, within a wide margin.
        assertTrue(
                Math.abs(byCount[1] - 800) < 120
                        && Math.abs(byCount[2] - 800) < 120
                        && Math.abs(byCount[3] - 400) < 100,
                java.util.Arrays.toString(byCount));
    }

    @Test
    void withoutBackgroundsThereIsNoComposite() throws IOException {
        for (int query = 0; query < 500; query++) {
            List<Edit> edits = EditRecipe.draw(EditRecipe.forQuery(1, query), List.of(), name -> {
                throw new AssertionError("no background may be loaded");
            });
            assertFalse(edits.stream().anyMatch(edit -> edit.type() == EditType.COMPOSITE));
        }
    }

    @Test
    void theSeedAndQueryNumberDecideTheDraws() throws IOException {
        assertEquals(describe(3, 10), describe(3, 10));
        List<String> otherSeed = new ArrayList<>();
        List<String> otherQuery = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            otherSeed.add(describe(4, i));
            otherQuery.add(describe(3, i + 1));
        }
        List<String> base = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            base.add(describe(3, i));
        }
        assertNotEquals(base, otherSeed);
        assertNotEquals(base, otherQuery, "neighbouring queries must not share a shifted stream");
    }

    private static String describe(long seed, int query) throws IOException {
        return EditRecipe.draw(EditRecipe.forQuery(seed, query), List.of("bg.jpg"), name -> BACKGROUND).stream()
                .map(Edit::describe)
                .toList()
                .toString();
    }
}
