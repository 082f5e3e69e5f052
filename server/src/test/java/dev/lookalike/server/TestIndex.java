package dev.lookalike.server;

import dev.lookalike.Lookalike;
import dev.lookalike.embed.Device;
import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.image.SamplePhotos;
import dev.lookalike.indexing.IndexingOptions;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelCatalog;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.search.IndexSearcher;
import dev.lookalike.search.IndexedImages;
import dev.lookalike.search.ModelSelection;
import dev.lookalike.search.SearchResults;
import dev.lookalike.serving.SearchService;
import dev.lookalike.store.IndexStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small index of real COCO photos (the samples) made with the tiny fixture models (both), built once per test JVM, and the
 * library those tests check the server against.
 */
final class TestIndex {

    static final Path MODELS = Path.of("..", "core", "src", "test", "resources", "fixtures", "models");
    static final int PHOTOS = 16;

    private static TestIndex instance;

    final Path home;
    final Path photos;
    final Path index;
    final Lookalike lookalike;
    final List<ModelSpec> specs;
    final List<ImageModel> models;

    private TestIndex(Path home) throws IOException, InterruptedException {
        this.home = home;
        Files.writeString(home.resolve(ModelCatalog.FILE), """
                {"models": [
                  {"name": "clip-tiny", "dir": "%s", "onnx_file": "onnx/vision_model.onnx",
                   "output": "image_embeds", "pooling": "none", "dimension": 16},
                  {"name": "dinov2-tiny", "dir": "%s", "onnx_file": "onnx/model.onnx",
                   "output": "last_hidden_state", "pooling": "mean", "dimension": 32}
                ]}""".formatted(
                        abs(MODELS.resolve("clip-tiny")), abs(MODELS.resolve("dinov2-tiny"))));
        ModelCatalog catalog = ModelCatalog.load(home);
        this.lookalike = Lookalike.builder()
                .catalog(catalog)
                .embedder(new EmbedderOptions(1, Device.CPU))
                .build();
        this.specs = List.of(catalog.get("clip-tiny"), catalog.get("dinov2-tiny"));
        this.models = lookalike.models(specs);
        this.photos = home.resolve("photos");
        Files.createDirectories(photos.resolve("sub"));
        List<Path> sources = cocoPhotos(PHOTOS);
        for (int i = 0; i < sources.size(); i++) {
            Path target = (i % 2 == 0 ? photos : photos.resolve("sub"))
                    .resolve(sources.get(i).getFileName());
            Files.copy(sources.get(i), target);
        }
        this.index = home.resolve("index");
        lookalike.index(photos, index, specs, IndexingOptions.defaults());
    }

    /** The shared index, built on first use in a temporary folder deleted when the JVM exits. */
    static synchronized TestIndex get() {
        if (instance == null) {
            try {
                Path home = Files.createTempDirectory("lookalike-server-test");
                home.toFile().deleteOnExit();
                instance = new TestIndex(home);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    /** The first {@code count} sample COCO photos in name order. */
    static List<Path> cocoPhotos(int count) {
        return SamplePhotos.first(count);
    }

    /** A sample COCO photo that is not in the index. */
    static Path outsidePhoto(int which) {
        return SamplePhotos.all().get(PHOTOS + which);
    }

    private IndexedImages images;

    /** The index's images by id, as a server sees them. */
    synchronized IndexedImages images() throws IOException {
        if (images == null) {
            try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
                images = IndexedImages.of(store);
            }
        }
        return images;
    }

    /** A service over the index, as {@code serve} makes it, its times going to {@code metrics}: the tiny CLIP also
     * answers text queries. */
    SearchService service(Metrics metrics) throws IOException {
        return SearchService.open(
                IndexSearcher.open(index),
                models,
                List.of(lookalike.textModel(specs.get(0))),
                served(),
                lookalike.decoder(),
                metrics);
    }

    /** A server over the index with its own metrics, as {@code serve} starts it. */
    LookalikeServer start(ServerConfig config) throws IOException {
        Metrics metrics = new Metrics();
        return LookalikeServer.start(config, service(metrics), metrics);
    }

    /** The tiny models, as the server serves them by default. */
    ModelSelection served() {
        return ModelSelection.of(specs.stream().map(ModelSpec::name).toList());
    }

    /** What the library answers to a text query directly, with the tiny CLIP's text side. */
    SearchResults directTextSearch(String text, int k) throws IOException {
        try (IndexSearcher searcher = IndexSearcher.open(index)) {
            return lookalike.searchText(searcher, text, List.of(specs.get(0)), k);
        }
    }

    /** What the library answers directly, without the server. */
    SearchResults directSearch(Path query, int k) throws IOException {
        return directSearch(query, k, served());
    }

    /** What the library answers directly for these models and fusions, as {@code search --models} does. */
    SearchResults directSearch(Path query, int k, ModelSelection models) throws IOException {
        try (IndexSearcher searcher = IndexSearcher.open(index)) {
            return lookalike.search(searcher, query, models, k);
        }
    }

    private static String abs(Path path) {
        return path.toAbsolutePath().normalize().toString().replace("\\", "\\\\");
    }
}
