package dev.lookalike.search;

import dev.lookalike.index.FlatIndex;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredVectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exact top-k search over an index, per model, with the answers of FAISS {@code IndexFlatL2} on
 * the L2-normalised vectors; equal scores rank the path that sorts first first.
 *
 * <p>Each model's vectors are loaded into memory on its first search. Thread-safe: any number
 * of threads may search at once. Open one with {@link #open} and close it when done.
 */
public final class IndexSearcher implements VectorSearcher {

    private final IndexStore store;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();
    private final FusionSearcher fusions = new FusionSearcher(this);

    private IndexSearcher(IndexStore store) {
        this.store = store;
    }

    /** Opens the index at {@code indexDir} for reading. */
    public static IndexSearcher open(Path indexDir) throws IOException {
        return new IndexSearcher(IndexStore.open(indexDir, IndexStore.Access.READ_ONLY));
    }

    /** The store underneath, for its summary and models. */
    public IndexStore store() {
        return store;
    }

    /** Searches this index with fusions of its models; the same one every call, so joined vectors are kept. */
    public FusionSearcher fusions() {
        return fusions;
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
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        Loaded vectors = load(model);
        List<SearchHit> hits = new ArrayList<>(k);
        for (dev.lookalike.index.Neighbor hit : vectors.index.search(query, k)) {
            hits.add(new SearchHit(hits.size() + 1, vectors.paths.get(hit.ordinal()), hit.cosine(), hit.distance()));
        }
        return hits;
    }

    /**
     * Loads a model's vectors now rather than on its first search, so that a server answers its first request
     * as fast as the others and an index without the model fails at start-up.
     *
     * @throws dev.lookalike.store.ModelMismatchException when the index holds another model under that name
     */
    public void preload(ModelIdentity model) throws IOException {
        load(model);
    }

    @Override
    public Map<String, ModelIdentity> models() throws IOException {
        return store.models();
    }

    @Override
    public String root() throws IOException {
        return store.info().root();
    }

    private Loaded load(ModelIdentity model) throws IOException {
        Loaded known = loaded.get(model.name());
        if (known != null && known.identity.equals(model)) {
            return known;
        }
        synchronized (this) {
            known = loaded.get(model.name());
            if (known == null || !known.identity.equals(model)) {
                StoredVectors stored = store.vectors(model);
                FlatIndex index = new FlatIndex(stored.dimension());
                index.add(stored.data(), stored.count());
                known = new Loaded(model, index, stored.paths());
                loaded.put(model.name(), known);
            }
            return known;
        }
    }

    @Override
    public void close() throws IOException {
        store.close();
    }

    private record Loaded(ModelIdentity identity, FlatIndex index, List<String> paths) {
    }
}
