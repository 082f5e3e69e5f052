package dev.lookalike.search;

import dev.lookalike.index.FlatIndex;
import dev.lookalike.index.Neighbor;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.store.StoredVectors;
import dev.lookalike.vector.VectorUtil;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Searches an index with a {@linkplain Fusion fusion} of its models. The components' vectors are
 * joined once per fusion and kept. Every hit carries the mean of the components' cosines (so a
 * score means the same whatever the method); a mean-cosine fusion ranks by it, an RRF fusion by
 * reciprocal rank. Thread-safe. Get one from {@link IndexSearcher#fusions()}.
 */
public final class FusionSearcher {

    private final IndexSearcher searcher;
    private final Map<String, Joined> joined = new ConcurrentHashMap<>();

    /** @param searcher the index whose models are fused; it owns this (see {@link IndexSearcher#fusions()}) */
    FusionSearcher(IndexSearcher searcher) {
        this.searcher = searcher;
    }

    /**
     * The {@code k} best hits of a fusion, best first.
     *
     * @param fusion     the fusion
     * @param components the identities of its components, in {@link Fusion#components()} order
     * @param queries    the query's vector from each component, in the same order
     * @param k          how many hits, at least 1
     */
    public List<SearchHit> search(Fusion fusion, List<ModelIdentity> components, List<float[]> queries, int k)
            throws IOException {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (components.size() != fusion.components().size() || queries.size() != components.size()) {
            throw new IllegalArgumentException("fusion " + fusion.name() + " needs one identity and one query vector per"
                    + " component, got " + components.size() + " and " + queries.size());
        }
        Joined vectors = load(fusion, components);
        float[] query = Fusion.concatenate(queries);
        if (fusion.method() == Fusion.Method.MEAN) {
            List<SearchHit> hits = new ArrayList<>(k);
            for (Neighbor hit : vectors.index.search(query, k)) {
                hits.add(new SearchHit(hits.size() + 1, vectors.paths.get(hit.ordinal()), hit.cosine(), hit.distance()));
            }
            return hits;
        }
        int depth = Math.max(k, Fusion.RRF_DEPTH);
        List<List<String>> rankings = new ArrayList<>();
        for (int c = 0; c < components.size(); c++) {
            rankings.add(searcher.search(components.get(c), queries.get(c), depth).stream().map(SearchHit::path).toList());
        }
        float[] unit = VectorUtil.l2Normalized(query);
        List<SearchHit> hits = new ArrayList<>(k);
        // an image only some of the components have vectors for has no mean cosine: skip it, but still return k
        for (ReciprocalRankFusion.Fused fused : ReciprocalRankFusion.fuse(rankings, k, vectors.ordinals::containsKey)) {
            double cosine = VectorUtil.dot(unit, vectors.index.vector(vectors.ordinals.get(fused.id())));
            hits.add(new SearchHit(hits.size() + 1, fused.id(), cosine, Math.max(0, 2 - 2 * cosine)));
        }
        return hits;
    }

    private Joined load(Fusion fusion, List<ModelIdentity> components) throws IOException {
        ModelIdentity identity = fusion.identity(components);
        Joined known = joined.get(fusion.name());
        if (known != null && known.identity.equals(identity)) {
            return known;
        }
        synchronized (this) {
            known = joined.get(fusion.name());
            if (known == null || !known.identity.equals(identity)) {
                List<StoredVectors> parts = new ArrayList<>();
                for (ModelIdentity component : components) {
                    parts.add(searcher.store().vectors(component));
                }
                StoredVectors all = fusion.join(parts);
                FlatIndex index = new FlatIndex(all.dimension());
                index.add(all.data(), all.count());
                Map<String, Integer> ordinals = new HashMap<>(all.count() * 2);
                for (int i = 0; i < all.count(); i++) {
                    ordinals.put(all.paths().get(i), i);
                }
                known = new Joined(identity, index, all.paths(), ordinals);
                joined.put(fusion.name(), known);
            }
            return known;
        }
    }

    private record Joined(ModelIdentity identity, FlatIndex index, List<String> paths, Map<String, Integer> ordinals) {
    }
}
