package dev.lookalike.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.Lookalike;
import dev.lookalike.calibration.ScoreNormalization;
import dev.lookalike.indexing.IndexingFixtures;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.report.BenchmarkJson;
import dev.lookalike.search.ModelSelection;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredVectors;
import dev.lookalike.vector.VectorUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A benchmark with a background set: every model's score-normalised and whitened variants. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackgroundCalibrationTest {

    private Path dir;
    private Lookalike lookalike;
    private CopyDetectionSet set;

    @BeforeAll
    void makeSetAndLibrary(@TempDir Path tmp) throws IOException {
        dir = tmp;
        List<Path> photos = IndexingFixtures.pickPhotos(16, 5L);
        StringBuilder truth = new StringBuilder("query_id,reference_id\n");
        Files.createDirectories(dir.resolve("references"));
        Files.createDirectories(dir.resolve("queries"));
        Files.createDirectories(dir.resolve("background"));
        for (int i = 0; i < 6; i++) {
            Files.copy(photos.get(i), dir.resolve("references/R%d.jpg".formatted(i)));
        }
        for (int i = 0; i < 4; i++) {
            Files.copy(photos.get(i), dir.resolve("queries/Q%d.jpg".formatted(i)));
            truth.append("Q%d,R%d%n".formatted(i, i));
        }
        Files.copy(photos.get(6), dir.resolve("queries/Q9.jpg"));
        truth.append("Q9,\n");
        for (int i = 7; i < 16; i++) {
            Files.copy(photos.get(i), dir.resolve("background/" + photos.get(i).getFileName()));
        }
        Files.writeString(dir.resolve("gt.csv"), truth);
        set = CopyDetectionSet.load(
                dir.resolve("queries"), dir.resolve("references"), dir.resolve("gt.csv"), Optional.empty(), -1);
        lookalike = TinyClipLibrary.open(dir.resolve("home"));
    }

    @AfterAll
    void close() {
        lookalike.close();
    }

    private BenchmarkResult run(Path background, boolean whiten, OptionalInt dimension, Optional<Path> index)
            throws Exception {
        BenchmarkOptions options = new BenchmarkOptions(5, 4, 1, index)
                .withBackground(new BackgroundOptions(background, ScoreNormalization.DEFAULT, whiten, dimension));
        return new CopyDetectionBenchmark(lookalike, options, ProgressReporter.silent())
                .run(set, ModelSelection.of(List.of("tclip")));
    }

    @Test
    void scoreNormalisationShiftsEachQuerysScoresByItsBackgroundNeighboursMean() throws Exception {
        Path index = dir.resolve("refs.lookalike");
        BenchmarkResult result = run(dir.resolve("background"), true, OptionalInt.empty(), Optional.of(index));
        ModelResult raw = result.model("tclip");
        ModelResult normalised = raw.variants().get(Variant.SCORE_NORM);
        StoredVectors background;
        try (IndexStore store =
                IndexStore.open(dir.resolve("refs.lookalike-background"), IndexStore.Access.READ_ONLY)) {
            background = store.vectors("tclip");
        }
        assertEquals(9, background.count());
        for (String query : set.groundTruth().queries()) {
            float[] vector = VectorUtil.l2Normalized(lookalike
                    .model("tclip")
                    .embed(lookalike.decoder().decode(set.queryFiles().get(query))));
            double[] cosines = new double[background.count()];
            for (int i = 0; i < cosines.length; i++) {
                float[] row = VectorUtil.l2Normalized(Arrays.copyOfRange(background.data(), i * 16, (i + 1) * 16));
                cosines[i] = -VectorUtil.dot(vector, row);
            }
            Arrays.sort(cosines); // negated: the best first
            double expected = (cosines[0] + cosines[1] + cosines[2]) / 3;
            List<Candidate> before = raw.predictions().of(query);
            List<Candidate> after = normalised.predictions().of(query);
            assertEquals(
                    before.stream().map(Candidate::referenceId).toList(),
                    after.stream().map(Candidate::referenceId).toList(),
                    "the order of a query's candidates is kept");
            for (int i = 0; i < before.size(); i++) {
                assertEquals(expected, after.get(i).score() - before.get(i).score(), 1e-5, query);
            }
        }
        assertEquals(raw.article(), normalised.article());
    }

    @Test
    void whiteningIsCappedByTheBackgroundAndReportedWithEveryVariant() throws Exception {
        BenchmarkResult result = run(dir.resolve("background"), true, OptionalInt.of(12), Optional.empty());
        BackgroundSettings settings = result.background().orElseThrow();
        assertEquals(9, settings.count());
        assertEquals(Map.of("tclip", 8), settings.whitenDimensions(), "9 images support 8 whitened dimensions");
        ModelResult raw = result.model("tclip");
        assertEquals(
                List.of(Variant.SCORE_NORM, Variant.WHITEN, Variant.WHITEN_SCORE_NORM),
                List.copyOf(raw.variants().keySet()));
        ModelResult white = raw.variants().get(Variant.WHITEN);
        ModelResult both = raw.variants().get(Variant.WHITEN_SCORE_NORM);
        for (String query : set.groundTruth().queries()) {
            List<Candidate> w = white.predictions().of(query);
            List<Candidate> b = both.predictions().of(query);
            assertEquals(5, w.size());
            double shift = b.getFirst().score() - w.getFirst().score();
            assertTrue(shift < 0.0 && shift > -1.0001, "whitened neighbours' mean " + shift);
            for (int i = 0; i < w.size(); i++) {
                assertEquals(w.get(i).referenceId(), b.get(i).referenceId());
                assertEquals(shift, b.get(i).score() - w.get(i).score(), 1e-9);
            }
        }

        Map<String, Object> json = BenchmarkJson.toMap(result);
        @SuppressWarnings("unchecked")
        Map<String, Object> tclip = (Map<String, Object>) ((Map<String, Object>) json.get("models")).get("tclip");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> variants = (Map<String, Map<String, Object>>) tclip.get("variants");
        assertEquals(List.of("score_norm", "whiten", "whiten+score_norm"), List.copyOf(variants.keySet()));
        for (Map<String, Object> variant : variants.values()) {
            for (String field : tclip.keySet()) {
                assertTrue(field.equals("variants") || variant.containsKey(field), field);
            }
        }
        assertEquals(
                Map.of("score_norm", "1.0[0,2]", "whiten_dimensions", Map.of("tclip", 8), "background_images", 9),
                variants.get("whiten+score_norm").get("settings"));
        assertEquals(raw.isc().uap(), (double) tclip.get("uap"), 0.0, "the raw metrics stay where they were");
    }

    @Test
    void aBackgroundTooSmallForTheScoreNormalisationIsRefused() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        try (var photos = Files.list(dir.resolve("background"))) {
            for (Path photo : photos.sorted().limit(2).toList()) {
                Files.copy(photo, small.resolve(photo.getFileName()));
            }
        }
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> run(small, false, OptionalInt.empty(), Optional.empty()));
        assertTrue(
                e.getMessage().contains("has 2 images with vectors; score normalisation 1.0[0,2] needs at least 3"),
                e.getMessage());
    }
}
