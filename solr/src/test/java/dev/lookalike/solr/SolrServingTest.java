package dev.lookalike.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.embed.Pooling;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.indexing.IndexingFixtures;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.search.IndexSearcher;
import dev.lookalike.search.ModelSelection;
import dev.lookalike.serving.SearchService;
import dev.lookalike.store.IndexStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's search service over a SolrCloud collection, without HTTP (the Solr nodes here run on Jetty 10,
 * the server on Jetty 12): it answers what the same service over the pushed local index answers, its image ids
 * lead to the indexed files, and what would fail a request fails at start instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SolrServingTest {

    private static final PushOptions TWO_SHARDS = new PushOptions(2, 1, 8, false);
    private static final Path TINY_MODELS = Path.of("../core/src/test/resources/fixtures/models");

    private final ImageDecoder decoder = new ImageDecoder();
    private Path index;
    private List<Path> queries;
    private List<ImageModel> models;
    private SolrConnection solr;

    @BeforeAll
    void pushAnIndex(@TempDir Path tmp) throws Exception {
        List<Path> photos = IndexingFixtures.pickPhotos(30, 21);
        index = SolrFixtures.cocoIndex(tmp.resolve("photos"), tmp.resolve("served.lookalike"), photos.subList(0, 24));
        queries = photos;
        models = IndexingFixtures.load(SolrFixtures.tinyModels());
        solr = SolrConnection.open(SolrCluster.zkAddress());
        new SolrPusher(solr, ProgressReporter.silent()).push(index, "served", TWO_SHARDS);
    }

    @AfterAll
    void close() throws Exception {
        for (ImageModel model : models) {
            model.close();
        }
        solr.close();
    }

    @Test
    void searchesAnswerAsTheLocalIndexDoesWithIdsThatLeadToTheFiles() throws Exception {
        try (SearchService local = serve(IndexSearcher.open(index), models);
                SearchService remote = serve(connect(), models)) {
            for (Path query : queries) {
                Map<String, Object> expected =
                        local.search(query.toString(), decoder.decode(query), local.selection(List.of()), 10);
                Map<String, Object> actual =
                        remote.search(query.toString(), decoder.decode(query), remote.selection(List.of()), 10);
                assertEquals(withoutIds(expected), withoutIds(actual), query.toString());
                assertIdsLeadToTheFiles(
                        remote, actual, Path.of((String) local.indexInfo().get("root")));
            }
        }
    }

    @Test
    void imagesAreNumberedInPathOrderAndTheSummaryIsTheCollections() throws Exception {
        List<String> sorted;
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            sorted = store.fileIds().keySet().stream().sorted().toList();
        }
        try (SearchService local = serve(IndexSearcher.open(index), models);
                SearchService remote = serve(connect(), models)) {
            assertEquals(24, remote.images().size());
            for (int i = 0; i < sorted.size(); i++) {
                assertEquals(i + 1L, remote.images().id(sorted.get(i)).orElseThrow(), sorted.get(i));
            }
            Map<String, Object> info = remote.indexInfo();
            assertEquals("solr", info.get("backend"));
            assertEquals("served", info.get("collection"));
            assertEquals(24, info.get("files"));
            assertEquals(local.indexInfo().get("root"), info.get("root"));
            assertEquals(modelRows(local.indexInfo()), modelRows(info));
        }
    }

    @Test
    void pagedListingsAgree() throws Exception {
        try (SolrSearcher searcher = connect()) {
            List<String> whole = searcher.imagePaths();
            assertEquals(24, whole.size());
            assertEquals(whole, searcher.imagePaths(5));
            assertEquals(whole, searcher.imagePaths(24));
        }
    }

    @Test
    void aModelTheCollectionDoesNotHoldFailsAtStart() throws Exception {
        // dinov2-tiny's files under the name the collection gave tiny CLIP.
        assertStartFails(
                ModelSpec.local(
                        "clip",
                        TINY_MODELS.resolve("dinov2-tiny"),
                        "onnx/model.onnx",
                        "last_hidden_state",
                        Pooling.MEAN,
                        32),
                "model 'clip' differs from the one the collection was pushed with");
        assertStartFails(
                ModelSpec.local(
                        "clip2",
                        TINY_MODELS.resolve("clip-tiny"),
                        "onnx/vision_model.onnx",
                        "image_embeds",
                        Pooling.NONE,
                        16),
                "has no vectors of model 'clip2'");
    }

    @Test
    void imagesNotOnThisMachineFailAtStart(@TempDir Path tmp) throws Exception {
        Path folder = tmp.resolve("elsewhere");
        Path moved = SolrFixtures.cocoIndex(folder, tmp.resolve("moved.lookalike"), queries.subList(0, 3));
        new SolrPusher(solr, ProgressReporter.silent()).push(moved, "moved", TWO_SHARDS);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
        try (SolrSearcher searcher = SolrSearcher.connect(SolrCluster.zkAddress(), "moved", 4)) {
            IOException e = assertThrows(IOException.class, () -> serve(searcher, models));
            assertTrue(e.getMessage().contains("not a folder on this machine"), e.getMessage());
        }
    }

    private void assertStartFails(ModelSpec spec, String message) throws Exception {
        List<ImageModel> other = IndexingFixtures.load(List.of(spec));
        try (SolrSearcher searcher = connect()) {
            SolrBackendException e = assertThrows(SolrBackendException.class, () -> serve(searcher, other));
            assertTrue(e.getMessage().contains(message), e.getMessage());
        } finally {
            other.getFirst().close();
        }
    }

    @Test
    void fusionsNeedTheStoredVectorsSoACollectionRefusesThem() throws Exception {
        ModelSelection withFusion = ModelSelection.of("clip", "dinov2", "clip+dinov2");
        try (SolrSearcher searcher = connect()) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> SearchService.open(
                            searcher, models, List.of(), withFusion, decoder, SearchService.Timings.NONE));
            assertTrue(e.getMessage().startsWith("fusion clip+dinov2 needs a local index"), e.getMessage());
        }
        try (SearchService remote = serve(connect(), models)) {
            assertEquals(List.of(), remote.fusions());
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> remote.selection(List.of("clip+dinov2:rrf")));
            assertTrue(e.getMessage().startsWith("fusion clip+dinov2:rrf needs a local index"), e.getMessage());
        }
    }

    /** The service {@code serve} makes over a backend, serving the models' single names. */
    private SearchService serve(dev.lookalike.search.VectorSearcher searcher, List<ImageModel> loaded)
            throws IOException {
        ModelSelection served = ModelSelection.of(
                loaded.stream().map(model -> model.spec().name()).toList());
        return SearchService.open(searcher, loaded, List.of(), served, decoder, SearchService.Timings.NONE);
    }

    private static SolrSearcher connect() throws Exception {
        return SolrSearcher.connect(SolrCluster.zkAddress(), "served", SolrSearcher.DEFAULT_OVERSAMPLE);
    }

    /** Every hit of a search names an id whose path is the hit's and whose file is that path under the root. */
    @SuppressWarnings("unchecked")
    private static void assertIdsLeadToTheFiles(SearchService service, Map<String, Object> search, Path root) {
        int hits = 0;
        for (Object rows : ((Map<String, Object>) search.get("results")).values()) {
            for (Map<String, Object> row : (List<Map<String, Object>>) rows) {
                long id = (Long) row.get("id");
                String path = (String) row.get("path");
                assertEquals(path, service.images().path(id).orElseThrow());
                Path file = service.images().file(id).orElseThrow();
                assertEquals(root.resolve(path).toAbsolutePath().normalize(), file);
                assertTrue(Files.isRegularFile(file), file.toString());
                hits++;
            }
        }
        assertEquals(20, hits);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutIds(Map<String, Object> search) {
        Map<String, Object> results = new java.util.LinkedHashMap<>();
        ((Map<String, Object>) search.get("results")).forEach((model, rows) -> {
            List<Map<String, Object>> stripped = new ArrayList<>();
            for (Map<String, Object> row : (List<Map<String, Object>>) rows) {
                Map<String, Object> copy = new java.util.LinkedHashMap<>(row);
                copy.remove("id");
                stripped.add(copy);
            }
            results.put(model, stripped);
        });
        return Map.of("query", search.get("query"), "results", results);
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> modelRows(Map<String, Object> info) {
        return ((List<Map<String, Object>>) info.get("models"))
                .stream()
                        .map(m -> List.of(
                                m.get("name"),
                                m.get("dimension"),
                                m.get("output"),
                                m.get("pooling"),
                                m.get("onnx_sha256")))
                        .toList();
    }
}
