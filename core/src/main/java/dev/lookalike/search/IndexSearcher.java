package dev.lookalike.search;

import dev.lookalike.image.DecodeMode;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.store.IndexStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Exact top-k search over an index, per model, with the answers of FAISS {@code IndexFlatL2} on
 * the L2-normalised vectors; equal scores rank the path that sorts first first.
 *
 * <p>Each model's vectors are loaded into memory on its first search. Thread-safe: any number
 * of threads may search at once. Open one with {@link #open} and close it when done.
 */
public final class IndexSearcher implements VectorSearcher {

    private final IndexStore store;
    private final ExactRanker ranker;

    private IndexSearcher(IndexStore store) {
        this.store = store;
        this.ranker = new ExactRanker(store::vectors);
    }

    /** Opens the index at {@code indexDir} for reading. */
    public static IndexSearcher open(Path indexDir) throws IOException {
        return new IndexSearcher(IndexStore.open(indexDir, IndexStore.Access.READ_ONLY));
    }

    /** The store underneath, for its summary and models. */
    public IndexStore store() {
        return store;
    }

    /**
     * The {@code k} indexed images nearest to {@code query} for a model.
     *
     * @param model the identity of the model {@code query} came from; it must be the index's
     * @param query the query's vector, normalised or not
     * @param k     how many hits, at least 1; fewer when the index holds fewer images
     * @throws dev.lookalike.store.ModelMismatchException when the index holds another model under that name
     */
    @Override
    public List<SearchHit> search(ModelIdentity model, float[] query, int k) throws IOException {
        return hits(ranker.rank(
                new SingleModel(model.name()), Map.of(model.name(), QueryVectors.single(model, "", query)), k));
    }

    /**
     * The {@code k} indexed images best for a model or fusion (see {@link ExactRanker} for how fusions rank).
     *
     * @throws dev.lookalike.store.ModelMismatchException when the index holds another model under a name
     */
    @Override
    public List<SearchHit> search(ModelChoice choice, EmbeddedQuery query, int k) throws IOException {
        return hits(ranker.rank(choice, query.batches(choice), k));
    }

    private static List<SearchHit> hits(ExactRanker.Ranking ranking) {
        return ranking.byQuery().values().stream().findFirst().orElse(List.of()).stream()
                .map(ExactRanker.Hit::hit)
                .toList();
    }

    @Override
    public void requireDecodeMode(String model, DecodeMode mode) throws IOException {
        store.requireDecodeMode(model, mode);
    }

    /**
     * Loads a model's vectors now rather than on its first search, so that a server answers its first request
     * as fast as the others and an index without the model fails at start-up.
     *
     * @throws dev.lookalike.store.ModelMismatchException when the index holds another model under that name
     */
    public void preload(ModelIdentity model) throws IOException {
        ranker.preload(model);
    }

    @Override
    public boolean ranksFusions() {
        return true;
    }

    /** Loads each model's vectors (see {@link #preload}). */
    @Override
    public void prepare(List<ModelIdentity> models) throws IOException {
        for (ModelIdentity model : models) {
            preload(model);
        }
    }

    @Override
    public IndexedImages images() throws IOException {
        return IndexedImages.of(store);
    }

    /** The document of {@code index info --json}. */
    @Override
    public Map<String, Object> summary() throws IOException {
        return store.info().toJson();
    }

    @Override
    public Map<String, ModelIdentity> models() throws IOException {
        return store.models();
    }

    @Override
    public String root() throws IOException {
        return store.info().root();
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
