package dev.lookalike.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ids given in path order, as a local index lists its files: by the paths' UTF-8 bytes. */
class IndexedImagesTest {

    @Test
    void idsFollowTheUtf8OrderOfThePaths() {
        // U+FF01 is EF BC 81 in UTF-8, before U+1F600's F0 9F 98 80; as Java strings (UTF-16) it sorts after.
        String fullwidth = "\uFF01.jpg";
        String emoji = "\uD83D\uDE00.jpg";
        IndexedImages images =
                IndexedImages.inPathOrder(Path.of("/photos"), List.of("b/1.jpg", emoji, "a.jpg", fullwidth, "b/1.jpg"));
        assertEquals(4, images.size());
        assertEquals(1, images.id("a.jpg").orElseThrow());
        assertEquals(2, images.id("b/1.jpg").orElseThrow());
        assertEquals(3, images.id(fullwidth).orElseThrow());
        assertEquals(4, images.id(emoji).orElseThrow());
        assertEquals(Path.of("/photos/b/1.jpg"), images.file(2).orElseThrow());
        assertTrue(images.path(5).isEmpty());
    }
}
