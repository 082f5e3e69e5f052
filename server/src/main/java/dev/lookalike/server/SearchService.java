package dev.lookalike.server;

import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.ComputedModelSpec;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.NoTextSideException;
import dev.lookalike.model.TextModel;
import dev.lookalike.report.ResultJson;
import dev.lookalike.search.IndexSearcher;
import dev.lookalike.search.SearchHit;
import dev.lookalike.search.SearchResults;
import dev.lookalike.search.Similarity;
import dev.lookalike.search.VectorSearcher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the API does, without HTTP: decode, embed with each model, search through a {@link VectorSearcher}, and
 * compare; each model's embedding and search times go to the metrics. Thread-safe.
 *
 * <p>The searcher is the seam for other backends: {@link #open} searches a local index; a remote one (SolrCloud,
 * composed by {@code dev.lookalike.solr.SolrServing}) is given to the constructor with the images it may show.
 */
public final class SearchService implements AutoCloseable {

    private final VectorSearcher searcher;
    private final IndexedImages images;
    private final Map<String, Object> indexInfo;
    private final Map<String, ImageModel> models = new LinkedHashMap<>();
    private final Map<String, TextModel> textModels = new LinkedHashMap<>();
    private final ImageDecoder decoder;
    private final Metrics metrics;

    /**
     * @param searcher  where vectors are searched; closed with this service
     * @param images    the images hits may name, by id
     * @param indexInfo what {@code GET /api/index} answers (the shape of {@code index info --json})
     * @param models    the models to search with, loaded, in the order results show them
     * @param decoder   decodes uploads, with its decompression-bomb limit
     * @param metrics   where times are recorded
     */
    public SearchService(VectorSearcher searcher, IndexedImages images, Map<String, Object> indexInfo,
                         List<ImageModel> models, ImageDecoder decoder, Metrics metrics) {
        this(searcher, images, indexInfo, models, List.of(), decoder, metrics);
    }

    /**
     * A service that also answers text queries with {@code textModels}, the text sides of some of
     * {@code models}; the service does not close them.
     */
    public SearchService(VectorSearcher searcher, IndexedImages images, Map<String, Object> indexInfo,
                         List<ImageModel> models, List<TextModel> textModels, ImageDecoder decoder, Metrics metrics) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("a server needs at least one model");
        }
        this.searcher = searcher;
        this.images = images;
        this.indexInfo = Map.copyOf(indexInfo);
        models.forEach(model -> this.models.put(model.spec().name(), model));
        for (TextModel text : textModels) {
            if (!this.models.containsKey(text.spec().name())) {
                throw new IllegalArgumentException("text model " + text.spec().name() + " is not one of the served models "
                        + this.models.keySet());
            }
            this.textModels.put(text.spec().name(), text);
        }
        this.decoder = decoder;
        this.metrics = metrics;
    }

    /**
     * Opens a local index for serving: checks that it holds every model's vectors (same model files), loads them
     * into memory and reads the image ids, so that a failure happens now rather than on a request.
     */
    public static SearchService open(Path index, List<ImageModel> models, ImageDecoder decoder, Metrics metrics)
            throws IOException {
        return open(index, models, List.of(), decoder, metrics);
    }

    /**
     * Opens a local index for serving image and text queries, as {@link #open(Path, List, ImageDecoder, Metrics)}
     * does; each text model's image tower must be the one the index was built with.
     */
    public static SearchService open(Path index, List<ImageModel> models, List<TextModel> textModels,
                                     ImageDecoder decoder, Metrics metrics) throws IOException {
        IndexSearcher searcher = IndexSearcher.open(index);
        try {
            return open(searcher, models, textModels, decoder, metrics);
        } catch (IOException | RuntimeException e) {
            try {
                searcher.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Serves an open local index, as {@link #open(Path, List, ImageDecoder, Metrics)} does. The service owns
     * the searcher once returned; when this throws, the caller still does.
     */
    public static SearchService open(IndexSearcher searcher, List<ImageModel> models, ImageDecoder decoder,
                                     Metrics metrics) throws IOException {
        return open(searcher, models, List.of(), decoder, metrics);
    }

    /** Serves an open local index for image and text queries; the service owns the searcher once returned. */
    public static SearchService open(IndexSearcher searcher, List<ImageModel> models, List<TextModel> textModels,
                                     ImageDecoder decoder, Metrics metrics) throws IOException {
        for (ImageModel model : models) {
            searcher.preload(model.identity());
        }
        for (TextModel model : textModels) {
            searcher.preload(model.identity());
        }
        return new SearchService(searcher, IndexedImages.of(searcher.store()),
                ResultJson.indexSummary(searcher.store().info()), models, textModels, decoder, metrics);
    }

    /** Where this service records its times; {@code GET /metrics} shows them. */
    public Metrics metrics() {
        return metrics;
    }

    /** The images hits may name. */
    public IndexedImages images() {
        return images;
    }

    /** The names of the models, in order. */
    public List<String> modelNames() {
        return List.copyOf(models.keySet());
    }

    /** The names of the models that answer text queries, in order. */
    public List<String> textModelNames() {
        return List.copyOf(textModels.keySet());
    }

    /** The index's statistics: the document of {@code index info --json}. */
    public Map<String, Object> indexInfo() {
        return indexInfo;
    }

    /** Decodes an uploaded image; {@code name} is what errors call it. */
    public DecodedImage decode(byte[] bytes, String name) throws IOException {
        return decoder.decode(bytes, name);
    }

    /** Decodes the indexed image {@code id}. */
    public DecodedImage decodeIndexed(long id) throws IOException {
        Path file = images.file(id).orElseThrow(() -> new IllegalArgumentException("no image with id " + id));
        return decoder.decode(file);
    }

    /**
     * The {@code k} nearest indexed images to {@code image} for each model named, as {@code search --json} prints
     * them, each hit with its image {@code id}.
     */
    public Map<String, Object> search(String queryName, DecodedImage image, List<String> modelNames, int k)
            throws IOException {
        Map<String, List<SearchHit>> byModel = new LinkedHashMap<>();
        for (ImageModel model : select(modelNames)) {
            long start = System.nanoTime();
            float[] vector = model.embed(image);
            long embedded = System.nanoTime();
            byModel.put(model.spec().name(), searcher.search(model.identity(), vector, k));
            metrics.embedding(model.spec().name(), (embedded - start) / 1e9);
            metrics.search(model.spec().name(), (System.nanoTime() - embedded) / 1e9);
        }
        return ResultJson.search(new SearchResults(queryName, byModel),
                (hit, row) -> images.id(hit.path()).ifPresent(id -> row.put("id", id)));
    }

    /**
     * The {@code k} nearest indexed images to a sentence for each model named (every model with a text side when
     * none is), as {@code search --text --json} prints them, each hit with its image {@code id}.
     *
     * @throws IllegalArgumentException for empty text, an unknown model or one without a text side
     */
    public Map<String, Object> searchText(String text, List<String> modelNames, int k) throws IOException {
        if (textModels.isEmpty()) {
            throw new IllegalArgumentException("this server has no model with a text side (served: " + models.keySet()
                    + ")");
        }
        List<TextModel> selected = new ArrayList<>();
        for (ImageModel model : select(modelNames)) {
            TextModel textModel = textModels.get(model.spec().name());
            if (textModel != null) {
                selected.add(textModel);
            } else if (!modelNames.isEmpty()) {
                throw new NoTextSideException(model.spec().name());
            }
        }
        Map<String, List<SearchHit>> byModel = new LinkedHashMap<>();
        for (TextModel model : selected) {
            long start = System.nanoTime();
            float[] vector = model.embed(text).vector();
            long embedded = System.nanoTime();
            byModel.put(model.spec().name(), searcher.search(model.identity(), vector, k));
            metrics.textEmbedding(model.spec().name(), (embedded - start) / 1e9);
            metrics.search(model.spec().name(), (System.nanoTime() - embedded) / 1e9);
        }
        return ResultJson.search(new SearchResults(text, byModel),
                (hit, row) -> images.id(hit.path()).ifPresent(id -> row.put("id", id)));
    }

    /** How alike two images are for each model named, as {@code compare --json} prints it. */
    public Map<String, Object> compare(String nameA, DecodedImage a, String nameB, DecodedImage b,
                                       List<String> modelNames) {
        List<Similarity> results = new ArrayList<>();
        Set<String> hashes = new HashSet<>();
        for (ImageModel model : select(modelNames)) {
            results.add(Similarity.between(model, a, b));
            if (ComputedModelSpec.isPerceptualHash(model.spec())) {
                hashes.add(model.spec().name());
            }
        }
        return ResultJson.compare(nameA, nameB, results, hashes);
    }

    /** The models named, in the server's order; every model when {@code names} is empty. */
    private List<ImageModel> select(List<String> names) {
        if (names.isEmpty()) {
            return List.copyOf(models.values());
        }
        for (String name : names) {
            if (!models.containsKey(name)) {
                throw new IllegalArgumentException("unknown model '" + name + "' (this server has " + models.keySet()
                        + ")");
            }
        }
        return models.values().stream().filter(model -> names.contains(model.spec().name())).toList();
    }

    @Override
    public void close() throws IOException {
        searcher.close();
    }
}
