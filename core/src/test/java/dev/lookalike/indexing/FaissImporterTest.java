package dev.lookalike.indexing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.embed.Pooling;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.knn.faiss.FaissFlatFile;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.model.ModelLoader;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.npy.NpyArray;
import dev.lookalike.search.IndexSearcher;
import dev.lookalike.search.SearchHit;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code index import} against what the article's script writes, produced by real FAISS (tools/fixtures/make_import_fixtures.py). */
class FaissImporterTest {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");
    private static final Path ARTICLE = FIXTURES.resolve("faiss").resolve("article");
    private static final Path IMAGES = FIXTURES.resolve("images");

    private static ImageModel clip;

    @TempDir
    Path temp;

    @BeforeAll
    static void loadModel() throws IOException {
        clip = new ModelLoader(null, EmbedderOptions.defaults())
                .load(ModelSpec.local(
                        "clip-tiny",
                        FIXTURES.resolve("models").resolve("clip-tiny"),
                        "onnx/vision_model.onnx",
                        "image_embeds",
                        Pooling.NONE,
                        16));
    }

    @AfterAll
    static void closeModel() {
        clip.close();
    }

    @Test
    void importedVectorsAreFaissRowsAndSearchGivesFaissAnswers() throws IOException {
        Path index = temp.resolve("index");
        int imported = importArticle(index, ARTICLE.resolve("ids.txt"));
        assertEquals(6, imported);

        FaissFlatFile.Contents faiss = FaissFlatFile.read(ARTICLE.resolve("clip.index"));
        List<String> ids = Files.readAllLines(ARTICLE.resolve("ids.txt"));
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            StoredVectors stored = store.vectors(clip.identity());
            assertEquals(ids, stored.paths(), "the ids are already in path order, so rows keep their order");
            float[] expected = faiss.vectors();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], stored.data()[i], 1e-6f, "value " + i);
            }
        }

        float[] query = clip.embed(new ImageDecoder().decode(IMAGES.resolve(ids.get(0))));
        float[] faissIds = NpyArray.read(ARTICLE.resolve("query_ids.npy")).data();
        float[] faissDistances =
                NpyArray.read(ARTICLE.resolve("query_distances.npy")).data();
        try (IndexSearcher searcher = IndexSearcher.open(index)) {
            List<SearchHit> hits = searcher.search(clip.identity(), query, 5);
            for (int r = 0; r < 5; r++) {
                assertEquals(ids.get((int) faissIds[r]), hits.get(r).path(), "rank " + (r + 1));
                assertEquals(faissDistances[r], hits.get(r).distance(), 1e-4, "distance at rank " + (r + 1));
            }
        }
    }

    @Test
    void idsThatDisagreeWithTheFileAreRefusedAndNothingIsImported() throws IOException {
        Path shortIds = temp.resolve("short.txt");
        Files.write(shortIds, Files.readAllLines(ARTICLE.resolve("ids.txt")).subList(0, 4));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> importArticle(temp.resolve("a"), shortIds));
        assertEquals(true, e.getMessage().contains("lists 4 images but"), e.getMessage());

        Path escaping = temp.resolve("escaping.txt");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(ARTICLE.resolve("ids.txt")));
        lines.set(5, "../models/clip-tiny/config.json");
        Files.write(escaping, lines);
        e = assertThrows(IllegalArgumentException.class, () -> importArticle(temp.resolve("b"), escaping));
        assertEquals(true, e.getMessage().contains("outside the folder"), e.getMessage());

        for (String index : List.of("a", "b")) {
            try (IndexStore store = IndexStore.open(temp.resolve(index), IndexStore.Access.READ_ONLY)) {
                assertEquals(0, store.files().size(), "index " + index + " is empty");
            }
        }
    }

    @Test
    void vectorsOfAnotherDimensionAreRefused() throws IOException {
        ModelIdentity wide = new ModelIdentity("wide", clip.identity().definitionSha256(), "image_embeds", "none", 32);
        try (IndexStore store = IndexStore.openOrCreate(temp.resolve("c"), IMAGES.toString(), "test")) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> new FaissImporter(new ImageDecoder(), 4)
                            .importFlat(
                                    ARTICLE.resolve("clip.index"), ARTICLE.resolve("ids.txt"), IMAGES, store, wide));
            assertEquals(true, e.getMessage().contains("16-d vectors"), e.getMessage());
            assertArrayEquals(new Object[0], store.files().keySet().toArray());
        }
    }

    private static int importArticle(Path index, Path ids) throws IOException {
        try (IndexStore store =
                IndexStore.openOrCreate(index, IMAGES.toAbsolutePath().toString(), "test")) {
            return new FaissImporter(new ImageDecoder(), 4)
                    .importFlat(ARTICLE.resolve("clip.index"), ids, IMAGES, store, clip.identity());
        }
    }
}
