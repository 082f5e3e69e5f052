package dev.lookalike.search;

import dev.lookalike.knn.FlatIndex;
import dev.lookalike.knn.Neighbor;
import dev.lookalike.knn.Neighbors;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.store.StoredVectors;
import dev.lookalike.vector.VectorUtil;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Exact top-k ranking of query vectors against stored vectors, for any {@link ModelChoice}: the one
 * place single models and fusions are ranked, by per-query search ({@link IndexSearcher}) and by the
 * batched benchmark alike. Answers are those of FAISS {@code IndexFlatL2} on the L2-normalised vectors;
 * equal scores rank the stored row that comes first first.
 *
 * <ul>
 * <li>A single model: an exact search over its stored vectors.</li>
 * <li>A mean-cosine {@link Fusion}: an exact search over the components' vectors concatenated (each
 *     part normalised), over the stored images every component has, for the queries every component
 *     has a vector of.</li>
 * <li>A reciprocal-rank {@link Fusion}: each component's top {@code max(k, }{@value Fusion#RRF_DEPTH}{@code )}
 *     fused by {@link ReciprocalRankFusion}, keeping the stored images every component has; each hit's
 *     cosine is the mean of the components' cosines (NaN for a query some component has no vector of).</li>
 * </ul>
 *
 * <p>Each model's (and each mean fusion's) exact index is built on first use and kept. Thread-safe.
 */
public final class ExactRanker {

    /** Where a ranker reads a single model's stored vectors; asked once per model and kept. */
    @FunctionalInterface
    public interface Source {
        /**
         * Every stored vector of {@code model}.
         *
         * @throws dev.lookalike.store.ModelMismatchException when another model is stored under that name
         */
        StoredVectors vectors(ModelIdentity model) throws IOException;
    }

    /**
     * One ranked stored image.
     *
     * @param hit   the image as a search shows it, with its cosine (for reciprocal-rank fusion, the mean of
     *              the components' cosines)
     * @param score what it was ranked by: its cosine, or the fused reciprocal-rank score
     */
    public record Hit(SearchHit hit, double score) {}

    /**
     * The answer for a batch of queries.
     *
     * @param byQuery       each query's hits, best first, by query id
     * @param searchSeconds wall time in the exact searches
     * @param buildSeconds  wall time building indexes (and joining vectors) for this call; 0 when all were kept
     */
    public record Ranking(Map<String, List<Hit>> byQuery, double searchSeconds, double buildSeconds) {}

    private final Source source;
    private final Map<List<ModelIdentity>, Loaded> loaded = new ConcurrentHashMap<>();

    /** @param source the stored vectors of each single model */
    public ExactRanker(Source source) {
        this.source = source;
    }

    /**
     * Reads a model's vectors and builds its index now rather than on first use.
     *
     * @throws dev.lookalike.store.ModelMismatchException when another model is stored under that name
     */
    public void preload(ModelIdentity model) throws IOException {
        load(List.of(model), null);
    }

    /**
     * The {@code k} best stored images for each query, for a model or fusion.
     *
     * @param choice  the model or fusion
     * @param queries the queries' vectors of each single model the choice needs, by model name
     * @param k       hits per query, at least 1; fewer when fewer images are stored
     * @throws IllegalArgumentException when {@code queries} lacks a model the choice needs
     */
    public Ranking rank(ModelChoice choice, Map<String, QueryVectors> queries, int k) throws IOException {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        List<QueryVectors> parts = new ArrayList<>();
        for (String model : choice.models()) {
            QueryVectors part = queries.get(model);
            if (part == null) {
                throw new IllegalArgumentException(
                        choice.name() + ": no query vectors of model " + model + " (have " + queries.keySet() + ")");
            }
            parts.add(part);
        }
        return switch (choice) {
            case SingleModel single -> single(parts.getFirst(), k);
            case Fusion fusion when fusion.method() == Fusion.Method.MEAN -> meanCosine(fusion, parts, k);
            case Fusion fusion -> reciprocalRank(parts, k);
        };
    }

    private Ranking single(QueryVectors queries, int depth) throws IOException {
        Loaded index = load(List.of(queries.model()), null);
        return search(index, queries, depth);
    }

    private Ranking meanCosine(Fusion fusion, List<QueryVectors> parts, int k) throws IOException {
        long start = System.nanoTime();
        Loaded index = load(parts.stream().map(QueryVectors::model).toList(), fusion);
        List<Map<String, Integer>> rowOf =
                parts.stream().map(part -> FusedVectors.rows(part.ids())).toList();
        List<String> ids = parts.getFirst().ids().stream()
                .filter(id -> rowOf.stream().allMatch(rows -> rows.containsKey(id)))
                .toList();
        float[][] joined = new float[ids.size()][];
        for (int q = 0; q < ids.size(); q++) {
            List<float[]> vectors = new ArrayList<>(parts.size());
            for (int p = 0; p < parts.size(); p++) {
                vectors.add(parts.get(p).vectors()[rowOf.get(p).get(ids.get(q))]);
            }
            joined[q] = FusedVectors.concatenate(vectors);
        }
        double joinSeconds = (System.nanoTime() - start) / 1e9;
        Ranking ranking = search(index, new QueryVectors(index.identity, ids, joined), k);
        return new Ranking(ranking.byQuery(), ranking.searchSeconds(), ranking.buildSeconds() + joinSeconds);
    }

    private Ranking reciprocalRank(List<QueryVectors> parts, int k) throws IOException {
        int depth = Math.max(k, Fusion.RRF_DEPTH);
        List<Ranking> rankings = new ArrayList<>();
        List<Loaded> indexes = new ArrayList<>();
        double searchSeconds = 0;
        double buildSeconds = 0;
        for (QueryVectors part : parts) {
            Ranking ranking = single(part, depth);
            rankings.add(ranking);
            indexes.add(load(List.of(part.model()), null));
            searchSeconds += ranking.searchSeconds();
            buildSeconds += ranking.buildSeconds();
        }
        Set<String> ids = new LinkedHashSet<>();
        rankings.forEach(ranking -> ids.addAll(ranking.byQuery().keySet()));
        List<Map<String, Integer>> queryRows =
                parts.stream().map(part -> FusedVectors.rows(part.ids())).toList();
        List<Map<String, Integer>> ordinals =
                indexes.stream().map(Loaded::ordinals).toList();
        Map<String, List<Hit>> byQuery = new LinkedHashMap<>();
        for (String id : ids) {
            List<List<String>> lists = rankings.stream()
                    .map(ranking -> ranking.byQuery().getOrDefault(id, List.of()).stream()
                            .map(hit -> hit.hit().path())
                            .toList())
                    .toList();
            // an image only some components have vectors for has no mean cosine: skip it, but still return k
            List<ReciprocalRankFusion.Fused> fused = ReciprocalRankFusion.fuse(
                    lists, k, path -> ordinals.stream().allMatch(rows -> rows.containsKey(path)));
            List<float[]> units = new ArrayList<>(parts.size());
            for (int p = 0; p < parts.size(); p++) {
                Integer row = queryRows.get(p).get(id);
                units.add(
                        row == null
                                ? null
                                : VectorUtil.l2Normalized(parts.get(p).vectors()[row]));
            }
            List<Hit> hits = new ArrayList<>(fused.size());
            for (ReciprocalRankFusion.Fused item : fused) {
                double cosine = meanCosine(indexes, ordinals, units, item.id());
                hits.add(new Hit(
                        new SearchHit(hits.size() + 1, item.id(), cosine, Math.max(0, 2 - 2 * cosine)), item.score()));
            }
            byQuery.put(id, hits);
        }
        return new Ranking(byQuery, searchSeconds, buildSeconds);
    }

    /** The mean over the components of the query's cosine with the stored image at {@code path}; NaN when a part is missing. */
    private static double meanCosine(
            List<Loaded> indexes, List<Map<String, Integer>> ordinals, List<float[]> units, String path) {
        double sum = 0;
        for (int p = 0; p < indexes.size(); p++) {
            if (units.get(p) == null) {
                return Double.NaN;
            }
            sum += VectorUtil.dot(
                    units.get(p), indexes.get(p).index.vector(ordinals.get(p).get(path)));
        }
        return sum / indexes.size();
    }

    private static Ranking search(Loaded index, QueryVectors queries, int depth) {
        double buildSeconds = index.takeBuildSeconds();
        Map<String, List<Hit>> byQuery = new LinkedHashMap<>();
        if (index.paths.isEmpty() || queries.ids().isEmpty()) {
            queries.ids().forEach(id -> byQuery.put(id, List.of()));
            return new Ranking(byQuery, 0, buildSeconds);
        }
        long start = System.nanoTime();
        Neighbors neighbors = index.index.search(queries.vectors(), depth);
        double searchSeconds = (System.nanoTime() - start) / 1e9;
        for (int q = 0; q < queries.ids().size(); q++) {
            List<Hit> hits = new ArrayList<>(depth);
            for (Neighbor hit : neighbors.hits(q)) {
                SearchHit found =
                        new SearchHit(hits.size() + 1, index.paths.get(hit.ordinal()), hit.cosine(), hit.distance());
                hits.add(new Hit(found, hit.cosine()));
            }
            byQuery.put(queries.ids().get(q), hits);
        }
        return new Ranking(byQuery, searchSeconds, buildSeconds);
    }

    /** The index of one model's vectors, or of a mean fusion's ({@code fusion} not null) joined vectors. */
    private Loaded load(List<ModelIdentity> models, Fusion fusion) throws IOException {
        Loaded known = loaded.get(models);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            known = loaded.get(models);
            if (known == null) {
                long start = System.nanoTime();
                StoredVectors vectors;
                if (fusion == null) {
                    vectors = source.vectors(models.getFirst());
                } else {
                    List<StoredVectors> parts = new ArrayList<>();
                    for (ModelIdentity model : models) {
                        parts.add(source.vectors(model));
                    }
                    vectors = FusedVectors.join(fusion, parts);
                }
                FlatIndex index = new FlatIndex(vectors.dimension());
                index.add(vectors.data(), vectors.count());
                known = new Loaded(vectors.model(), index, vectors.paths(), (System.nanoTime() - start) / 1e9);
                loaded.put(models, known);
            }
            return known;
        }
    }

    /** A built index, the stored path of each ordinal, and what building it took until a ranking reports it. */
    private static final class Loaded {
        final ModelIdentity identity;
        final FlatIndex index;
        final List<String> paths;
        private final double buildSeconds;
        private final AtomicBoolean reported = new AtomicBoolean();
        private Map<String, Integer> ordinals;

        Loaded(ModelIdentity identity, FlatIndex index, List<String> paths, double buildSeconds) {
            this.identity = identity;
            this.index = index;
            this.paths = paths;
            this.buildSeconds = buildSeconds;
        }

        /** The seconds building took, to the first caller only; 0 after. */
        double takeBuildSeconds() {
            return reported.compareAndSet(false, true) ? buildSeconds : 0;
        }

        /** Each path's ordinal, made on first use (reciprocal-rank fusion needs it, plain search does not). */
        synchronized Map<String, Integer> ordinals() {
            if (ordinals == null) {
                ordinals = FusedVectors.rows(paths);
            }
            return ordinals;
        }
    }
}
