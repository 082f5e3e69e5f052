package dev.lookalike.search;

import dev.lookalike.image.DecodeMode;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.model.ModelNameException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Top-k search over stored vectors: a local index ({@link IndexSearcher}) or a remote backend.
 * The searcher dispatches a {@link ModelChoice}: every backend searches single models; fusions need
 * the stored vectors themselves, which a local index has. Implementations are thread-safe.
 */
public interface VectorSearcher extends AutoCloseable {

    /**
     * The {@code k} stored images nearest to {@code query} for a single model, nearest first.
     *
     * @param model the identity of the model {@code query} came from
     * @param query the query's vector, normalised or not
     * @param k     how many hits, at least 1; fewer when fewer images are stored
     */
    List<SearchHit> search(ModelIdentity model, float[] query, int k) throws IOException;

    /**
     * The {@code k} best stored images for a model or fusion, best first. This default searches single
     * models with {@link #search(ModelIdentity, float[], int)} and refuses fusions.
     *
     * @param choice the model or fusion
     * @param query  the query's vector of every single model {@code choice} needs
     * @param k      how many hits, at least 1
     * @throws ModelNameException for a fusion this backend cannot rank
     * @throws IllegalArgumentException for a vector {@code query} lacks
     */
    default List<SearchHit> search(ModelChoice choice, EmbeddedQuery query, int k) throws IOException {
        return switch (choice) {
            case SingleModel single ->
                search(query.of(single.name()).model(), query.of(single.name()).vector(), k);
            case Fusion fusion ->
                throw new ModelNameException("fusion " + fusion.name()
                        + " needs a local index (its stored vectors); search it with --index");
        };
    }

    /** Every choice of {@code selection} searched with {@code query}: the models side by side, in order. */
    default SearchResults search(EmbeddedQuery query, ModelSelection selection, int k) throws IOException {
        Map<String, List<SearchHit>> byModel = new LinkedHashMap<>();
        for (ModelChoice choice : selection.choices()) {
            byModel.put(choice.name(), search(choice, query, k));
        }
        return new SearchResults(query.name(), byModel);
    }

    /**
     * Whether {@link #search(ModelChoice, EmbeddedQuery, int)} ranks fusions: a backend that holds the stored
     * vectors themselves does. False unless overridden.
     */
    default boolean ranksFusions() {
        return false;
    }

    /**
     * Checks that a query decoded in {@code mode} may be compared with {@code model}'s stored vectors.
     * This default accepts it: only a local index records the decode mode.
     *
     * @throws dev.lookalike.store.DecodeModeMismatchException when those vectors come from images decoded otherwise
     */
    default void requireDecodeMode(String model, DecodeMode mode) throws IOException {}

    /**
     * Checks that the backend holds vectors of every one of {@code models}, of the same models, and readies
     * them, so that a server fails at start-up rather than on a request.
     *
     * @throws IOException naming the first model missing or different
     */
    void prepare(List<ModelIdentity> models) throws IOException;

    /** The stored images, by id, under the folder they were indexed from: what search hits may show. */
    IndexedImages images() throws IOException;

    /**
     * The backend's statistics as a JSON-ready document: a local index's is that of {@code index info --json};
     * another backend's uses the same keys where they apply ({@code root}, {@code files}, {@code models}).
     */
    Map<String, Object> summary() throws IOException;

    /** The models whose vectors are stored, by name. */
    Map<String, ModelIdentity> models() throws IOException;

    /** The folder the stored images' paths are relative to, as indexing recorded it; null when unknown. */
    String root() throws IOException;

    @Override
    void close() throws IOException;
}
