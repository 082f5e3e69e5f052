package dev.lookalike.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.search.SearchHit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retrieval metrics worked out by hand, and the two label formats. */
class TextRetrievalTest {

    private static List<SearchHit> ranking(String... paths) {
        List<SearchHit> hits = new ArrayList<>();
        for (int i = 0; i < paths.length; i++) {
            hits.add(new SearchHit(i + 1, paths[i], 1 - 0.1 * i, 0.2 * i));
        }
        return hits;
    }

    @Test
    void precisionRecallAndAveragePrecisionByHand() {
        // Relevant a, c, f among a b c d e f: hits at ranks 1, 3, 6.
        TextRetrieval r = TextRetrieval.score(
                "cat", "a photo of a cat", ranking("a", "b", "c", "d", "e", "f"), Set.of("a", "c", "f"), 3);
        assertEquals(3, r.relevant());
        assertEquals(2.0 / 3, r.precisionAtK(), 1e-12);
        assertEquals(2.0 / 3, r.recallAtK(), 1e-12);
        assertEquals((1.0 / 1 + 2.0 / 3 + 3.0 / 6) / 3, r.averagePrecision(), 1e-12);
    }

    @Test
    void aRelevantImageMissingFromTheRankingCountsZero() {
        TextRetrieval r = TextRetrieval.score("dog", "q", ranking("x", "a"), Set.of("a", "gone"), 1);
        assertEquals(0, r.precisionAtK());
        assertEquals(0, r.recallAtK());
        assertEquals((1.0 / 2) / 2, r.averagePrecision(), 1e-12);
        TextRetrieval perfect = TextRetrieval.score("dog", "q", ranking("a", "b", "x"), Set.of("a", "b"), 5);
        assertEquals(1.0, perfect.averagePrecision(), 1e-12);
        assertEquals(2.0 / 5, perfect.precisionAtK(), 1e-12);
        assertEquals(1.0, perfect.recallAtK(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> TextRetrieval.score("x", "q", ranking("a"), Set.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> TextRetrieval.score("x", "q", ranking("a"), Set.of("a"), 0));
    }

    @Test
    void labelsFromACsvAndFromYoloFiles(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("labels.csv");
        Files.writeString(csv, "image,label\na.jpg,cat\na.jpg,dog\nsub/b.jpg,\"hot dog\"\na.jpg,cat\n");
        ImageLabels fromCsv = ImageLabels.readCsv(csv);
        assertEquals(Map.of("a.jpg", Set.of("cat", "dog"), "sub/b.jpg", Set.of("hot dog")), fromCsv.byImage());
        assertEquals(List.of("cat", "dog", "hot dog"), List.copyOf(fromCsv.labels()));
        assertEquals(Set.of("a.jpg"), fromCsv.imagesWith("dog"));

        Path labels = Files.createDirectories(dir.resolve("labels"));
        Files.writeString(dir.resolve("names.txt"), "person\nbicycle\ncar\n");
        Files.writeString(labels.resolve("a.txt"), "2 0.5 0.5 0.1 0.1\n0 0.2 0.2 0.1 0.1\n2 0.7 0.7 0.1 0.1\n");
        Files.writeString(labels.resolve("b.txt"), "");
        ImageLabels yolo =
                ImageLabels.readYolo(labels, dir.resolve("names.txt"), List.of("a.jpg", "sub/b.jpg", "c.png"));
        assertEquals(Map.of("a.jpg", Set.of("car", "person")), yolo.byImage());

        Files.writeString(labels.resolve("b.txt"), "7 0.5 0.5 0.1 0.1\n");
        DatasetException e = assertThrows(
                DatasetException.class,
                () -> ImageLabels.readYolo(labels, dir.resolve("names.txt"), List.of("sub/b.jpg")));
        assertTrue(e.getMessage().contains("b.txt") && e.getMessage().contains("class 7"), e.getMessage());
        Files.writeString(csv, "image,label\na.jpg,\n");
        assertThrows(DatasetException.class, () -> ImageLabels.readCsv(csv));
    }
}
