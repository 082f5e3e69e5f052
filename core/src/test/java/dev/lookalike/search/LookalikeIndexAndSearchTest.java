package dev.lookalike.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.Lookalike;
import dev.lookalike.hub.HubSettings;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.indexing.IndexingFixtures;
import dev.lookalike.indexing.IndexingOptions;
import dev.lookalike.indexing.IndexingReport;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.model.Sha256;
import dev.lookalike.store.FileRecord;
import dev.lookalike.store.FileStatus;
import dev.lookalike.store.IndexSummary;
import dev.lookalike.store.StoredFile;
import dev.lookalike.store.StoredVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline through the library facade: 28 sample COCO photos indexed with both tiny models, then searched, every
 * answer checked against a brute force over vectors the test computes itself, one image at a time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LookalikeIndexAndSearchTest {

    private static final int PHOTOS = 28;
    private static final long SEED = 20260312L;
    private static final double TOLERANCE = 1e-5;

    private final List<ModelSpec> specs = IndexingFixtures.bothModels();
    private Lookalike lookalike;
    private List<ImageModel> reference;
    private Path folder;
    private Path index;
    private IndexingReport report;
    /** Per model, each indexed path's vector as the test computes it: decode, embed alone, normalise. */
    private final Map<String, Map<String, double[]>> expected = new LinkedHashMap<>();

    @BeforeAll
    void indexTwentyEightPhotos(@TempDir Path tmp) throws Exception {
        folder = tmp.resolve("photos");
        index = tmp.resolve("index");
        IndexingFixtures.copyInto(folder, IndexingFixtures.pickPhotos(PHOTOS, SEED));
        lookalike = Lookalike.builder()
                .hub(HubSettings.fromEnvironment(tmp.resolve("home")))
                .embedder(IndexingFixtures.CPU)
                .catalog(IndexingFixtures.catalog(specs))
                .build();
        report = lookalike.index(folder, index, specs, new IndexingOptions(8, 2, false, false));
        reference = IndexingFixtures.load(specs);
        for (ImageModel model : reference) {
            Map<String, double[]> vectors = new LinkedHashMap<>();
            for (Path photo : photos()) {
                vectors.put(photo.getFileName().toString(), BruteForce.normalised(model.embed(decode(photo))));
            }
            expected.put(model.spec().name(), vectors);
        }
    }

    @AfterAll
    void close() {
        lookalike.close();
        reference.forEach(ImageModel::close);
    }

    @Test
    void theReportCountsEveryPhotoAsEmbedded() {
        assertEquals(PHOTOS, report.found());
        assertEquals(PHOTOS, report.embedded());
        assertEquals(0, report.unchanged());
        assertEquals(List.of(), report.skipped());
        assertEquals(0, report.stillUnreadable());
        assertEquals(List.of(), report.pruned());
        assertTrue(report.imagesPerSecond() > 0, report.toString());
    }

    @Test
    void theIndexRecordsEachFileAndModel() throws IOException {
        try (IndexSearcher searcher = IndexSearcher.open(index)) {
            searcher.store().verify();
            IndexSummary info = searcher.store().info();
            assertEquals(PHOTOS, info.okFiles());
            assertEquals(0, info.skippedFiles());
            assertEquals(folder.toAbsolutePath().normalize().toString(), info.root());
            assertEquals(
                    List.of("clip", "dinov2"),
                    info.models().stream().map(m -> m.identity().name()).toList());
            info.models()
                    .forEach(m -> assertEquals(PHOTOS, m.vectors(), m.identity().name()));
            Map<String, StoredFile> files = searcher.store().files();
            for (Path photo : photos()) {
                StoredFile stored = files.get(photo.getFileName().toString());
                DecodedImage image = decode(photo);
                FileRecord want = FileRecord.ok(
                        photo.getFileName().toString(),
                        Files.size(photo),
                        Files.getLastModifiedTime(photo).toMillis(),
                        Sha256.of(Files.readAllBytes(photo)),
                        image.width(),
                        image.height());
                assertEquals(want, stored.record());
                assertEquals(FileStatus.OK, stored.record().status());
                assertEquals(java.util.Set.of("clip", "dinov2"), stored.models());
            }
        }
    }

    @Test
    void storedVectorsAreTheModelsNormalisedEmbeddings() throws IOException {
        try (IndexSearcher searcher = IndexSearcher.open(index)) {
            for (ImageModel model : reference) {
                StoredVectors stored = searcher.store().vectors(model.identity());
                Map<String, double[]> want = expected.get(model.spec().name());
                assertEquals(List.copyOf(want.keySet()), stored.paths(), "ordinals in path order");
                for (int row = 0; row < stored.count(); row++) {
                    double[] vector = want.get(stored.paths().get(row));
                    for (int d = 0; d < stored.dimension(); d++) {
                        assertEquals(
                                vector[d],
                                stored.data()[row * stored.dimension() + d],
                                1e-6,
                                model.spec().name() + " " + stored.paths().get(row) + "[" + d + "]");
                    }
                }
            }
        }
    }

    @Test
    void everyIndexedPhotoFindsItselfFirstAndAllHitsMatchBruteForce() throws IOException {
        try (IndexSearcher searcher = IndexSearcher.open(index)) {
            for (Path photo : photos()) {
                SearchResults results = lookalike.search(searcher, photo, ModelSelection.of("clip", "dinov2"), PHOTOS);
                assertEquals(photo.toString(), results.query());
                assertEquals(
                        List.of("clip", "dinov2"), List.copyOf(results.byModel().keySet()));
                for (ImageModel model : reference) {
                    List<SearchHit> hits = results.byModel().get(model.spec().name());
                    String what = model.spec().name() + " query " + photo.getFileName();
                    SearchHit first = hits.get(0);
                    assertEquals(photo.getFileName().toString(), first.path(), what);
                    assertEquals(1.0, first.cosine(), TOLERANCE, what);
                    assertEquals(0.0, first.distance(), 2 * TOLERANCE, what);
                    assertEquals(1.0, first.score(), TOLERANCE, what);
                    Map<String, double[]> vectors = expected.get(model.spec().name());
                    BruteForce.assertSameHits(
                            BruteForce.search(vectors, vectors.get(first.path()), PHOTOS), hits, TOLERANCE, what);
                }
            }
        }
    }

    @Test
    void photosOutsideTheIndexGetTheBruteForceTopK() throws IOException {
        List<Path> outside = IndexingFixtures.photosBesides(IndexingFixtures.pickPhotos(PHOTOS, SEED), 4);
        try (IndexSearcher searcher = IndexSearcher.open(index)) {
            for (Path photo : outside) {
                SearchResults results = lookalike.search(searcher, photo, ModelSelection.of("clip", "dinov2"), 7);
                for (ImageModel model : reference) {
                    double[] query = BruteForce.normalised(model.embed(decode(photo)));
                    List<SearchHit> hits = results.byModel().get(model.spec().name());
                    String what = model.spec().name() + " query " + photo.getFileName();
                    BruteForce.assertSameHits(
                            BruteForce.search(expected.get(model.spec().name()), query, 7), hits, TOLERANCE, what);
                    assertTrue(hits.get(0).cosine() < 1 - 1e-4, what + " is not in the index: " + hits.get(0));
                }
            }
        }
    }

    private List<Path> photos() throws IOException {
        try (var files = Files.list(folder)) {
            return new ArrayList<>(files.sorted().toList());
        }
    }

    private static DecodedImage decode(Path photo) throws IOException {
        return new ImageDecoder().decode(photo);
    }
}
