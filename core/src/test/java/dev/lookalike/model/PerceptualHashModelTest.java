package dev.lookalike.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.Lookalike;
import dev.lookalike.hash.PerceptualHash;
import dev.lookalike.hub.HubSettings;
import dev.lookalike.image.DecodeOptions;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.image.ImageFixtures;
import dev.lookalike.indexing.IndexingFixtures;
import dev.lookalike.indexing.IndexingOptions;
import dev.lookalike.pipeline.EmbeddedImage;
import dev.lookalike.pipeline.EmbeddingPipeline;
import dev.lookalike.search.IndexSearcher;
import dev.lookalike.search.ModelSelection;
import dev.lookalike.search.SearchHit;
import dev.lookalike.search.Similarity;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.ModelMismatchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The perceptual hash as a model, through the same paths as the ONNX models (pipeline, compare,
 * index, search), checked against ImageHash's hashes from tools/fixtures/make_phash_fixtures.py.
 */
class PerceptualHashModelTest {

    /** PIL decodes without EXIF transposition, so the reference hashes are of the stored orientation. */
    private static final DecodeOptions AS_STORED = new DecodeOptions(false, 100_000_000L);
    /** ImageHash's hash of each sample COCO photo, by file name. */
    private static final Map<String, Long> REFERENCE = new HashMap<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void readReference() throws IOException {
        for (String line : Files.readAllLines(ImageFixtures.path("phash/coco.csv")).stream()
                .skip(1)
                .toList()) {
            String[] cells = line.split(",");
            REFERENCE.put(Path.of(cells[0]).getFileName().toString(), PerceptualHash.parseHex(cells[1]));
        }
    }

    @Test
    void loadsWithoutAHubAndHasAStableIdentity() throws IOException {
        try (ImageModel model = new ModelLoader(null, IndexingFixtures.CPU).load(BuiltinModels.PHASH)) {
            ModelIdentity identity = model.identity();

            assertEquals("phash", identity.name());
            assertEquals(64, identity.dimension());
            assertEquals(64, model.dimension());
            assertEquals("dct-hash", identity.output());
            assertEquals(
                    Sha256.of(ComputedModelSpec.Algorithm.PHASH.definition().getBytes(StandardCharsets.UTF_8)),
                    identity.definitionSha256());
            assertEquals(identity, new PerceptualHashModel(BuiltinModels.PHASH).identity());
        }
    }

    @Test
    void thePipelineGivesImageHashesAsPlusMinusOneBesideAnOnnxModel() throws Exception {
        List<Path> photos = IndexingFixtures.pickPhotos(10, 41L);
        ModelLoader loader = new ModelLoader(null, IndexingFixtures.CPU);
        List<EmbeddedImage> results = new ArrayList<>();
        ImageDecoder decoder = new ImageDecoder(AS_STORED);
        try (ImageModel phash = loader.load(BuiltinModels.PHASH);
                ImageModel clip = loader.load(IndexingFixtures.clip("clip"));
                EmbeddingPipeline pipeline = new EmbeddingPipeline(List.of(phash, clip), decoder, 4, 2)) {
            pipeline.run(photos.iterator(), results::add);

            assertEquals(photos.size(), results.size());
            for (EmbeddedImage item : results) {
                long expected = REFERENCE.get(item.source().getFileName().toString());
                assertArrayEquals(
                        PerceptualHash.toVector(expected),
                        item.vectors().get(0),
                        item.source().toString());
                assertArrayEquals(
                        clip.embed(decoder.decode(item.source())),
                        item.vectors().get(1),
                        1e-5f,
                        item.source().toString());
            }
        }
    }

    @Test
    void compareScoresOneMinusTheHammingFraction() throws IOException {
        List<Path> photos = IndexingFixtures.pickPhotos(2, 5L);
        try (Lookalike lookalike = lookalike()) {
            Similarity similarity = lookalike
                    .compare(photos.get(0), photos.get(1), ModelSelection.of("phash"))
                    .getFirst();

            int hamming = PerceptualHash.hamming(
                    REFERENCE.get(photos.get(0).getFileName().toString()),
                    REFERENCE.get(photos.get(1).getFileName().toString()));
            assertTrue(hamming > 0 && hamming < 64, "hamming " + hamming);
            assertEquals(1 - 2.0 * hamming / 64, similarity.cosine(), 1e-12);
            assertEquals(1 - hamming / 64.0, similarity.score(), 1e-12);
        }
    }

    @Test
    void anIndexSearchesByHammingDistance() throws Exception {
        Path folder = tmp.resolve("photos");
        List<Path> photos = IndexingFixtures.copyInto(folder, IndexingFixtures.pickPhotos(12, 7L));
        Path index = tmp.resolve("index");
        try (Lookalike lookalike = lookalike()) {
            lookalike.index(folder, index, List.of(BuiltinModels.PHASH), new IndexingOptions(5, 2, false, false));

            try (IndexSearcher searcher = IndexSearcher.open(index)) {
                Path query = photos.get(3);
                List<SearchHit> hits = lookalike
                        .search(searcher, query, ModelSelection.of("phash"), 12)
                        .byModel()
                        .get("phash");

                assertEquals(12, hits.size());
                assertEquals(query.getFileName().toString(), hits.get(0).path());
                assertEquals(1.0, hits.get(0).cosine(), 1e-6);
                long queryHash = REFERENCE.get(query.getFileName().toString());
                for (SearchHit hit : hits) {
                    int hamming = PerceptualHash.hamming(queryHash, REFERENCE.get(hit.path()));
                    assertEquals(1 - 2.0 * hamming / 64, hit.cosine(), 1e-6, hit.path());
                }
            }
        }
    }

    @Test
    void anIndexRefusesVectorsOfAnotherDefinition(@TempDir Path dir) throws IOException {
        ModelIdentity phash = ModelIdentity.of(BuiltinModels.PHASH);
        ModelIdentity changed = new ModelIdentity(
                "phash",
                Sha256.of("another definition".getBytes(StandardCharsets.UTF_8)),
                phash.output(),
                phash.pooling(),
                phash.dimension());
        try (IndexStore store = IndexStore.openOrCreate(dir.resolve("index"), dir.toString(), Lookalike.VERSION)) {
            store.registerModel(phash);

            assertThrows(ModelMismatchException.class, () -> store.registerModel(changed));
        }
    }

    @Test
    void aComputedModelHasNoFilesToFetch() {
        try (Lookalike lookalike = lookalike()) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> lookalike.fetch(BuiltinModels.PHASH));
            assertTrue(e.getMessage().contains("phash is computed"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> lookalike.preprocessor(BuiltinModels.PHASH));
        }
    }

    private Lookalike lookalike() {
        return Lookalike.builder()
                .hub(HubSettings.fromEnvironment(tmp.resolve("home")))
                .decoding(AS_STORED)
                .build();
    }
}
