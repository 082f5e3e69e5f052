package dev.lookalike.serving;

import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.ComputedModelSpec;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.model.NoTextSideException;
import dev.lookalike.model.TextModel;
import dev.lookalike.report.ResultJson;
import dev.lookalike.search.EmbeddedQuery;
import dev.lookalike.search.Fusion;
import dev.lookalike.search.IndexedImages;
import dev.lookalike.search.ModelChoice;
import dev.lookalike.search.ModelSelection;
import dev.lookalike.search.SearchHit;
import dev.lookalike.search.SearchResults;
import dev.lookalike.search.Similarity;
import dev.lookalike.search.VectorSearcher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a server does, without HTTP: decode an upload, embed it with each model, search any
 * {@link VectorSearcher} (a local index, a SolrCloud collection) with the models and fusions asked
 * for, compare two images, and show stored images by id; each model's embedding and each choice's
 * search time go to the {@link Timings}. Thread-safe.
 *
 * <pre>{@code
 * ModelSelection served = ModelSelection.of("clip", "dinov2");
 * SearchService service = SearchService.open(IndexSearcher.open(index), lookalike.models(served), served,
 *         lookalike.decoder(), SearchService.Timings.NONE);
 * Map<String, Object> doc = service.search("q.jpg", image, service.selection(List.of("clip+dinov2:rrf")), 5);
 * }</pre>
 */
public final class SearchService implements AutoCloseable {

    /** Where a service reports its times, such as a server's metrics. */
    public interface Timings {
        /** Reports nothing. */
        Timings NONE = new Timings() {
            @Override
            public void embedding(String model, double seconds) {}

            @Override
            public void textEmbedding(String model, double seconds) {}

            @Override
            public void search(String model, double seconds) {}
        };

        /** One query image embedded by a single model. */
        void embedding(String model, double seconds);

        /** One query sentence embedded by a model's text side. */
        void textEmbedding(String model, double seconds);

        /** One search for a model or fusion. */
        void search(String model, double seconds);
    }

    private final VectorSearcher searcher;
    private final ModelSelection served;
    private final Map<String, ImageModel> models = new LinkedHashMap<>();
    private final Map<String, TextModel> textModels = new LinkedHashMap<>();
    private final IndexedImages images;
    private final Map<String, Object> indexInfo;
    private final ImageDecoder decoder;
    private final Timings timings;

    private SearchService(
            VectorSearcher searcher,
            ModelSelection served,
            List<ImageModel> models,
            List<TextModel> textModels,
            ImageDecoder decoder,
            Timings timings)
            throws IOException {
        this.searcher = searcher;
        this.served = served;
        models.forEach(model -> this.models.put(model.spec().name(), model));
        textModels.forEach(model -> this.textModels.put(model.spec().name(), model));
        this.images = searcher.images();
        this.indexInfo = Map.copyOf(searcher.summary());
        this.decoder = decoder;
        this.timings = timings;
    }

    /**
     * Serves {@code searcher}: checks that the backend holds each model's vectors (of the same model) and
     * loads them, and reads the images' ids, so that a failure happens now rather than on a request. The
     * service owns the searcher once returned (closing it closes the searcher); when this throws, the caller
     * still does.
     *
     * @param models  the single models served, loaded (such as {@link dev.lookalike.Lookalike#models(ModelSelection)});
     *                they must outlive the service
     * @param textModels the text sides of some of {@code models}, which answer text queries; they must outlive
     *                the service, and each one's image tower must be the one the backend's vectors come from
     * @param served  what a request that names no models gets, in the order results show them; its single
     *                models must be among {@code models}
     * @param decoder decodes uploads and stored images, with its decompression-bomb limit
     * @param timings where embedding and search times go
     * @throws IllegalArgumentException for a fusion the backend cannot rank, or a served model not loaded
     * @throws dev.lookalike.store.ModelMismatchException when the backend holds another model under a name
     * @throws dev.lookalike.store.DecodeModeMismatchException when its vectors come from images decoded in
     *                                  another mode than {@code decoder}'s
     */
    public static SearchService open(
            VectorSearcher searcher,
            List<ImageModel> models,
            List<TextModel> textModels,
            ModelSelection served,
            ImageDecoder decoder,
            Timings timings)
            throws IOException {
        if (!searcher.ranksFusions() && !served.fusions().isEmpty()) {
            throw new IllegalArgumentException(
                    "fusion " + served.fusions().getFirst().name()
                            + " needs a local index (its stored vectors); serve it with --index");
        }
        List<String> loaded = models.stream().map(model -> model.spec().name()).toList();
        for (String model : served.plainModels()) {
            if (!loaded.contains(model)) {
                throw new IllegalArgumentException(
                        "model " + model + " is served but not loaded (loaded: " + loaded + ")");
            }
        }
        List<ModelIdentity> identities = new ArrayList<>();
        for (ImageModel model : models) {
            identities.add(model.identity());
        }
        for (TextModel model : textModels) {
            if (!loaded.contains(model.spec().name())) {
                throw new IllegalArgumentException(
                        "text model " + model.spec().name() + " is not one of the served" + " models " + loaded);
            }
            identities.add(model.identity());
        }
        searcher.prepare(identities);
        for (ImageModel model : models) {
            searcher.requireDecodeMode(model.spec().name(), decoder.options().mode());
        }
        return new SearchService(
                searcher, served, models, textModels, decoder.forResizeEdge(ImageModel.resizeEdge(models)), timings);
    }

    /** The images hits may name. */
    public IndexedImages images() {
        return images;
    }

    /** The names of what a request without models gets, in order. */
    public List<String> modelNames() {
        return served.names();
    }

    /** The names of the models that answer text queries, in order. */
    public List<String> textModelNames() {
        return List.copyOf(textModels.keySet());
    }

    /**
     * The fusions a request may name besides those served by default: with a backend that ranks
     * fusions and two or more single models, their mean-cosine and reciprocal-rank fusions.
     */
    public List<String> fusions() {
        Set<String> offered = new LinkedHashSet<>();
        served.fusions().forEach(fusion -> offered.add(fusion.name()));
        List<String> single = List.copyOf(models.keySet());
        if (searcher.ranksFusions() && single.size() >= 2) {
            offered.add(String.join("+", single));
            offered.add(String.join("+", single) + ":rrf");
        }
        return List.copyOf(offered);
    }

    /** The backend's statistics: the document of {@code index info --json}, or a remote backend's in its keys. */
    public Map<String, Object> indexInfo() {
        return indexInfo;
    }

    /**
     * The models and fusions {@code names} asks for; the served ones when it is empty. Any fusion of the
     * served single models may be asked for where the backend ranks fusions.
     *
     * @throws IllegalArgumentException for a malformed name, a model this service does not serve, or a
     *                                  fusion the backend cannot rank; the message names it
     */
    public ModelSelection selection(List<String> names) {
        if (names.isEmpty()) {
            return served;
        }
        ModelSelection selection = ModelSelection.of(names);
        for (ModelChoice choice : selection.choices()) {
            for (String model : choice.models()) {
                if (!models.containsKey(model)) {
                    throw new IllegalArgumentException(
                            "unknown model '" + model + "' (this server has " + models.keySet() + ")");
                }
            }
            if (choice instanceof Fusion fusion && !searcher.ranksFusions()) {
                throw new IllegalArgumentException("fusion " + fusion.name() + " needs a local index; this server"
                        + " searches one model at a time");
            }
        }
        return selection;
    }

    /**
     * As {@link #selection}, for a comparison of two images: by default the served choices that have a
     * pairwise score (not reciprocal-rank fusions).
     *
     * @throws IllegalArgumentException as {@link #selection} does, and for a reciprocal-rank fusion
     */
    public ModelSelection comparison(List<String> names) {
        if (names.isEmpty()) {
            return new ModelSelection(served.choices().stream()
                    .filter(choice -> !choice.rankScored())
                    .toList());
        }
        ModelSelection selection = selection(names);
        selection.choices().forEach(Similarity::requirePairwise);
        return selection;
    }

    /** Decodes an uploaded image; {@code name} is what errors call it. */
    public DecodedImage decode(byte[] bytes, String name) throws IOException {
        return decoder.decode(bytes, name);
    }

    /** Decodes the stored image {@code id}. */
    public DecodedImage decodeIndexed(long id) throws IOException {
        Path file = images.file(id).orElseThrow(() -> new IllegalArgumentException("no image with id " + id));
        return decoder.decode(file);
    }

    /**
     * The {@code k} best stored images for {@code image} for each model and fusion of {@code selection}, as
     * {@code search --json} prints them, each hit with its image {@code id}.
     */
    public Map<String, Object> search(String queryName, DecodedImage image, ModelSelection selection, int k)
            throws IOException {
        Map<String, EmbeddedQuery.ModelVector> vectors = new LinkedHashMap<>();
        for (String name : selection.plainModels()) {
            ImageModel model = models.get(name);
            long start = System.nanoTime();
            float[] vector = model.embed(image);
            timings.embedding(name, (System.nanoTime() - start) / 1e9);
            vectors.put(name, new EmbeddedQuery.ModelVector(model.identity(), vector));
        }
        EmbeddedQuery query = new EmbeddedQuery(queryName, vectors);
        Map<String, List<SearchHit>> byModel = new LinkedHashMap<>();
        for (ModelChoice choice : selection.choices()) {
            long start = System.nanoTime();
            byModel.put(choice.name(), searcher.search(choice, query, k));
            timings.search(choice.name(), (System.nanoTime() - start) / 1e9);
        }
        return ResultJson.search(
                new SearchResults(queryName, byModel),
                (hit, row) -> images.id(hit.path()).ifPresent(id -> row.put("id", id)));
    }

    /**
     * The {@code k} nearest stored images to a sentence for each single model {@code names} needs (every model
     * with a text side when it is empty), as {@code search --text --json} prints them, each hit with its image
     * {@code id}.
     *
     * @throws IllegalArgumentException for empty text, an unknown model or one without a text side
     */
    public Map<String, Object> searchText(String text, List<String> names, int k) throws IOException {
        if (textModels.isEmpty()) {
            throw new IllegalArgumentException(
                    "this server has no model with a text side (served: " + models.keySet() + ")");
        }
        List<String> wanted = names.isEmpty()
                ? List.copyOf(textModels.keySet())
                : selection(names).plainModels();
        Map<String, List<SearchHit>> byModel = new LinkedHashMap<>();
        for (String name : wanted) {
            TextModel model = textModels.get(name);
            if (model == null) {
                throw new NoTextSideException(name);
            }
            long start = System.nanoTime();
            float[] vector = model.embed(text).vector();
            long embedded = System.nanoTime();
            byModel.put(name, searcher.search(model.identity(), vector, k));
            timings.textEmbedding(name, (embedded - start) / 1e9);
            timings.search(name, (System.nanoTime() - embedded) / 1e9);
        }
        return ResultJson.search(
                new SearchResults(text, byModel),
                (hit, row) -> images.id(hit.path()).ifPresent(id -> row.put("id", id)));
    }

    /**
     * How alike two images are for each model and mean fusion of {@code selection}, as {@code compare --json}
     * prints it.
     *
     * @throws IllegalArgumentException for a reciprocal-rank fusion, which has no pairwise score
     */
    public Map<String, Object> compare(
            String nameA, DecodedImage a, String nameB, DecodedImage b, ModelSelection selection) {
        selection.choices().forEach(Similarity::requirePairwise);
        Map<String, Similarity> single = new LinkedHashMap<>();
        Set<String> hashes = new LinkedHashSet<>();
        for (String name : selection.plainModels()) {
            ImageModel model = models.get(name);
            single.put(name, Similarity.between(model, a, b));
            if (ComputedModelSpec.isPerceptualHash(model.spec())) {
                hashes.add(name);
            }
        }
        List<Similarity> results = selection.choices().stream()
                .map(choice -> Similarity.of(choice, single))
                .toList();
        return ResultJson.compare(nameA, nameB, results, hashes);
    }

    @Override
    public void close() throws IOException {
        searcher.close();
    }
}
