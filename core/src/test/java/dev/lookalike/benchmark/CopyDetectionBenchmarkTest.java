package dev.lookalike.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.Lookalike;
import dev.lookalike.indexing.IndexingFixtures;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.search.ModelSelection;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredVectors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner through the library: references extracted into a temporary or a persistent index,
 * or their vectors handed in from elsewhere (the seam a Parquet reader plugs into).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CopyDetectionBenchmarkTest {

    private static final ModelSelection TCLIP = ModelSelection.of(List.of("tclip"));

    private Path dir;
    private Lookalike lookalike;
    private CopyDetectionSet set;

    @BeforeAll
    void makeSetAndLibrary(@TempDir Path tmp) throws IOException {
        dir = tmp;
        List<Path> photos = IndexingFixtures.pickPhotos(7, 11L);
        Files.createDirectories(dir.resolve("references"));
        Files.createDirectories(dir.resolve("queries"));
        StringBuilder truth = new StringBuilder("query_id,reference_id\n");
        for (int i = 0; i < 6; i++) {
            Files.copy(photos.get(i), dir.resolve("references/R%d.jpg".formatted(i)));
        }
        for (int i = 0; i < 3; i++) {
            mirror(photos.get(i), dir.resolve("queries/Q%d.png".formatted(i)));
            truth.append("Q%d,R%d%n".formatted(i, i));
        }
        mirror(photos.get(6), dir.resolve("queries/Q9.png"));
        truth.append("Q9,\n");
        Files.writeString(dir.resolve("gt.csv"), truth);
        set = CopyDetectionSet.load(
                dir.resolve("queries"), dir.resolve("references"), dir.resolve("gt.csv"), Optional.empty(), -1);
        lookalike = TinyClipLibrary.open(dir.resolve("home"));
    }

    @AfterAll
    void close() {
        lookalike.close();
    }

    private static void mirror(Path from, Path to) throws IOException {
        BufferedImage in = ImageIO.read(from.toFile());
        BufferedImage out = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < in.getHeight(); y++) {
            for (int x = 0; x < in.getWidth(); x++) {
                out.setRGB(in.getWidth() - 1 - x, y, in.getRGB(x, y));
            }
        }
        ImageIO.write(out, "png", to.toFile());
    }

    private CopyDetectionBenchmark benchmark(Optional<Path> index) {
        return new CopyDetectionBenchmark(lookalike, new BenchmarkOptions(5, 4, 1, index), ProgressReporter.silent());
    }

    @Test
    void aTemporaryIndexIsDeletedAndEveryQueryIsRanked() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before = benchDirs(tmp);
        BenchmarkResult result = benchmark(Optional.empty()).run(set, TCLIP);
        assertEquals(before, benchDirs(tmp), "the temporary index is gone");
        ModelResult tclip = result.model("tclip");
        assertEquals(
                List.of("Q0", "Q1", "Q2", "Q9"),
                List.copyOf(tclip.predictions().byQuery().keySet()));
        for (List<Candidate> candidates : tclip.predictions().byQuery().values()) {
            assertEquals(5, candidates.size());
            assertTrue(candidates.stream().allMatch(c -> c.referenceId().matches("R[0-5]")), candidates.toString());
        }
        assertTrue(tclip.referenceImagesPerSecond().getAsDouble() > 0);
        assertTrue(tclip.queryImagesPerSecond().getAsDouble() > 0);
        assertEquals(6, result.referencesIndexed());
        assertEquals(4, result.settings().queries());
        assertEquals(3, tclip.article().queriesWithMatch());
    }

    @Test
    void precomputedReferenceVectorsGiveTheSameRankingWithoutExtraction() throws Exception {
        Path index = dir.resolve("index");
        BenchmarkResult extracted = benchmark(Optional.of(index)).run(set, TCLIP);
        StoredVectors stored;
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            stored = store.vectors("tclip");
        }
        BenchmarkResult given = benchmark(Optional.empty()).run(set, TCLIP, Map.of("tclip", stored));
        assertEquals(
                extracted.model("tclip").predictions(), given.model("tclip").predictions());
        assertFalse(given.model("tclip").referenceImagesPerSecond().isPresent());

        ModelIdentity other = new ModelIdentity("tclip", "0".repeat(64), "image_embeds", "none", 16);
        StoredVectors foreign = new StoredVectors(other, stored.paths(), stored.data());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> benchmark(Optional.empty()).run(set, TCLIP, Map.of("tclip", foreign)));
        assertTrue(e.getMessage().contains("do not come from"), e.getMessage());
    }

    private static List<Path> benchDirs(Path tmp) throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("lookalike-bench-"))
                    .sorted()
                    .toList();
        }
    }
}
