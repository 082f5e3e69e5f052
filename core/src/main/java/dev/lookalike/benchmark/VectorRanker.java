package dev.lookalike.benchmark;

import dev.lookalike.index.FlatIndex;
import dev.lookalike.index.Neighbor;
import dev.lookalike.index.Neighbors;
import dev.lookalike.search.Fusion;
import dev.lookalike.search.ReciprocalRankFusion;
import dev.lookalike.store.StoredVectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks every query against the references with exact search, for a plain model or a
 * {@linkplain Fusion fusion} of models, from vectors already computed. All queries of a model go
 * to the index in one batch; each model's index is built once and reused. Not thread-safe.
 */
public final class VectorRanker {

    /**
     * A model's ranking and what it cost.
     *
     * @param predictions   each query's top k
     * @param searchSeconds wall time in {@link FlatIndex#search}
     * @param buildSeconds  wall time building the index (and, for a fusion, joining the vectors)
     */
    public record Ranked(Predictions predictions, double searchSeconds, double buildSeconds) {
    }

    private final Map<String, StoredVectors> references;
    private final Map<String, QueryVectors> queries;
    private final int k;
    private final Map<String, Built> built = new HashMap<>();

    /**
     * @param references each plain model's reference vectors, by model name; a path's id is its
     *                   file name without the extension
     * @param queries    each plain model's query vectors, by model name
     * @param k          candidates per query, at least 1
     */
    public VectorRanker(Map<String, StoredVectors> references, Map<String, QueryVectors> queries, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        this.references = Map.copyOf(references);
        this.queries = Map.copyOf(queries);
        this.k = k;
    }

    /** The ranking of the plain model or fusion {@code name}. */
    public Ranked rank(String name) {
        if (!Fusion.isFusion(name)) {
            return search(name, require(references, name), require(queries, name), k);
        }
        Fusion fusion = Fusion.parse(name);
        return fusion.method() == Fusion.Method.MEAN ? meanCosine(fusion) : reciprocalRank(fusion);
    }

    private Ranked meanCosine(Fusion fusion) {
        long start = System.nanoTime();
        StoredVectors joined = fusion.join(fusion.components().stream().map(c -> require(references, c)).toList());
        List<QueryVectors> parts = fusion.components().stream().map(c -> require(queries, c)).toList();
        List<Map<String, float[]>> byId = new ArrayList<>();
        for (QueryVectors part : parts) {
            Map<String, float[]> vectors = new LinkedHashMap<>();
            for (int i = 0; i < part.ids().size(); i++) {
                vectors.put(part.ids().get(i), part.vectors()[i]);
            }
            byId.add(vectors);
        }
        List<String> ids = parts.getFirst().ids().stream().filter(id -> byId.stream().allMatch(m -> m.containsKey(id)))
                .toList();
        float[][] vectors = ids.stream().map(id -> Fusion.concatenate(byId.stream().map(m -> m.get(id)).toList()))
                .toArray(float[][]::new);
        double joinSeconds = (System.nanoTime() - start) / 1e9;
        Ranked ranked = search(fusion.name(), joined, new QueryVectors(ids, vectors), k);
        return new Ranked(ranked.predictions(), ranked.searchSeconds(), ranked.buildSeconds() + joinSeconds);
    }

    private Ranked reciprocalRank(Fusion fusion) {
        int depth = Math.max(k, Fusion.RRF_DEPTH);
        List<Predictions> rankings = new ArrayList<>();
        double searchSeconds = 0;
        double buildSeconds = 0;
        for (String component : fusion.components()) {
            Ranked ranked = search(component, require(references, component), require(queries, component), depth);
            rankings.add(ranked.predictions());
            searchSeconds += ranked.searchSeconds();
            buildSeconds += ranked.buildSeconds();
        }
        Set<String> ids = new LinkedHashSet<>();
        rankings.forEach(p -> ids.addAll(p.byQuery().keySet()));
        Set<String> inEvery = referencesOfEvery(fusion.components());
        Map<String, List<Candidate>> fused = new LinkedHashMap<>();
        for (String query : ids) {
            List<List<String>> lists = rankings.stream()
                    .map(p -> p.of(query).stream().map(Candidate::referenceId).toList()).toList();
            fused.put(query, ReciprocalRankFusion.fuse(lists, k, inEvery::contains).stream()
                    .map(f -> new Candidate(f.id(), f.score())).toList());
        }
        return new Ranked(new Predictions(fusion.name(), fused), searchSeconds, buildSeconds);
    }

    /** The reference ids every one of {@code models} has a vector for: as in search, a fusion ranks only those. */
    private Set<String> referencesOfEvery(List<String> models) {
        Set<String> common = null;
        for (String model : models) {
            List<String> ids = require(references, model).paths().stream().map(CopyDetectionSet::idOf).toList();
            if (common == null) {
                common = new HashSet<>(ids);
            } else {
                common.retainAll(Set.copyOf(ids));
            }
        }
        return common;
    }

    /** The exact index of {@code refs}, built on first use and kept for later rankings (RRF reuses its components'). */
    private Built index(String name, StoredVectors refs) {
        Built known = built.get(name);
        if (known != null) {
            return new Built(known.index, known.referenceIds, 0);
        }
        long start = System.nanoTime();
        FlatIndex index = new FlatIndex(refs.dimension());
        index.add(refs.data(), refs.count());
        List<String> referenceIds = refs.paths().stream().map(CopyDetectionSet::idOf).toList();
        Built made = new Built(index, referenceIds, (System.nanoTime() - start) / 1e9);
        built.put(name, made);
        return made;
    }

    private Ranked search(String name, StoredVectors refs, QueryVectors qs, int depth) {
        Built index = index(name, refs);
        Map<String, List<Candidate>> byQuery = new LinkedHashMap<>();
        if (refs.count() == 0 || qs.ids().isEmpty()) {
            qs.ids().forEach(id -> byQuery.put(id, List.of()));
            return new Ranked(new Predictions(name, byQuery), 0, index.seconds);
        }
        long start = System.nanoTime();
        Neighbors neighbors = index.index.search(qs.vectors(), depth);
        double searchSeconds = (System.nanoTime() - start) / 1e9;
        for (int q = 0; q < qs.ids().size(); q++) {
            List<Candidate> candidates = new ArrayList<>(depth);
            for (Neighbor hit : neighbors.hits(q)) {
                candidates.add(new Candidate(index.referenceIds.get(hit.ordinal()), hit.cosine()));
            }
            byQuery.put(qs.ids().get(q), candidates);
        }
        return new Ranked(new Predictions(name, byQuery), searchSeconds, index.seconds);
    }

    /** An index, the reference id of each ordinal, and the seconds its building took (0 when reused). */
    private record Built(FlatIndex index, List<String> referenceIds, double seconds) {
    }

    private static <T> T require(Map<String, T> byModel, String model) {
        T value = byModel.get(model);
        if (value == null) {
            throw new IllegalArgumentException("no vectors for model " + model + " (have " + byModel.keySet() + ")");
        }
        return value;
    }
}
