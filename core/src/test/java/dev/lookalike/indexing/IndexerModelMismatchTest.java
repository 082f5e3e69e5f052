package dev.lookalike.indexing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.embed.Pooling;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.search.IndexSearcher;
import dev.lookalike.search.SearchHit;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.IndexStoreException;
import dev.lookalike.store.ModelMismatchException;
import dev.lookalike.store.StoredFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Another model under a name the index already holds is refused, for indexing and for searching. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexerModelMismatchTest {

    private ImageModel dinov2;
    private ImageModel clip;
    private ImageModel dinov2Cls;
    private Path folder;
    private Path index;
    private List<Path> photos;

    @BeforeAll
    void indexWithDinov2AsM(@TempDir Path tmp) throws Exception {
        List<ImageModel> models = IndexingFixtures.load(List.of(
                IndexingFixtures.dinov2("m"),
                IndexingFixtures.clip("m"),
                IndexingFixtures.dinov2("m").withPooling("m", Pooling.CLS)));
        dinov2 = models.get(0);
        clip = models.get(1);
        dinov2Cls = models.get(2);
        folder = tmp.resolve("photos");
        index = tmp.resolve("index");
        photos = IndexingFixtures.copyInto(folder, IndexingFixtures.pickPhotos(6, 20260316L));
        try (IndexStore store = IndexStore.create(index, folder.toString(), "test")) {
            assertEquals(6, index(store, dinov2).embedded());
        }
    }

    @AfterAll
    void close() {
        List.of(dinov2, clip, dinov2Cls).forEach(ImageModel::close);
    }

    @Test
    void indexingWithAnotherModelUnderTheSameNameIsRefusedAndChangesNothing() throws Exception {
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_WRITE)) {
            Map<String, StoredFile> before = store.files();
            ModelMismatchException e = assertThrows(ModelMismatchException.class, () -> index(store, clip));
            assertEquals("m", e.model());
            assertEquals("definitionSha256", e.field());
            assertTrue(e.getMessage().contains(index.toString()), e.getMessage());
            ModelMismatchException pooling = assertThrows(ModelMismatchException.class, () -> index(store, dinov2Cls));
            assertEquals("pooling", pooling.field());
            assertEquals(before, store.files());
            assertEquals(Map.of("m", dinov2.identity()), store.models());
            store.verify();
        }
    }

    @Test
    void theIndexStillAnswersWithItsModelAndRefusesAnother() throws IOException {
        try (IndexSearcher searcher = IndexSearcher.open(index)) {
            float[] query = dinov2.embed(new ImageDecoder().decode(photos.get(2)));
            List<SearchHit> hits = searcher.search(dinov2.identity(), query, 3);
            assertEquals(photos.get(2).getFileName().toString(), hits.get(0).path());
            assertEquals(1.0, hits.get(0).cosine(), 1e-5);

            float[] clipQuery = clip.embed(new ImageDecoder().decode(photos.get(2)));
            ModelMismatchException e =
                    assertThrows(ModelMismatchException.class, () -> searcher.search(clip.identity(), clipQuery, 3));
            assertEquals("definitionSha256", e.field());
            ModelIdentity recorded = dinov2.identity();
            ModelIdentity otherFile =
                    new ModelIdentity("m", "0".repeat(64), recorded.output(), recorded.pooling(), recorded.dimension());
            ModelMismatchException sha =
                    assertThrows(ModelMismatchException.class, () -> searcher.search(otherFile, query, 3));
            assertTrue(sha.getMessage().contains(recorded.definitionSha256()), sha.getMessage());
            ModelIdentity unknown = new ModelIdentity(
                    "n", recorded.definitionSha256(), recorded.output(), recorded.pooling(), recorded.dimension());
            IndexStoreException missing =
                    assertThrows(IndexStoreException.class, () -> searcher.search(unknown, query, 3));
            assertTrue(missing.getMessage().contains("no model 'n'"), missing.getMessage());
            assertEquals(hits, searcher.search(dinov2.identity(), query, 3), "the refusals changed nothing");
        }
    }

    private IndexingReport index(IndexStore store, ImageModel model) throws Exception {
        return IndexingFixtures.indexer(List.of(model), 4, false, false)
                .index(folder, store, ProgressReporter.silent());
    }
}
