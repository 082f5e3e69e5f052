package dev.lookalike.server;

import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.ComputedModelSpec;
import dev.lookalike.model.ImageModel;
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
        if (models.isEmpty()) {
            throw new IllegalArgumentException("a server needs at least one model");
        }
        this.searcher = searcher;
        this.images = images;
        this.indexInfo = Map.copyOf(indexInfo);
        models.forEach(model -> this.models.put(model.spec().name(), model));
        this.decoder = decoder;
        this.metrics = metrics;
    }

    /**
     * Opens a local index for serving: checks that it holds every model's vectors (same model files, decoded in
     * the decoder's mode), loads them
     * into memory and reads the image ids, so that a failure happens now rather than on a request.
     */
    public static SearchService open(Path index, List<ImageModel> models, ImageDecoder decoder, Metrics metrics)
            throws IOException {
        IndexSearcher searcher = IndexSearcher.open(index);
        try {
            return open(searcher, models, decoder, metrics);
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
        for (ImageModel model : models) {
            searcher.preload(model.identity());
            searcher.store().requireDecodeMode(model.spec().name(), decoder.options().mode());
        }
        return new SearchService(searcher, IndexedImages.of(searcher.store()),
                ResultJson.indexSummary(searcher.store().info()), models,
                decoder.forResizeEdge(ImageModel.resizeEdge(models)), metrics);
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
