package dev.lookalike.benchmark;

import dev.lookalike.search.ExactRanker;
import dev.lookalike.search.ModelChoice;
import dev.lookalike.search.QueryVectors;
import dev.lookalike.store.StoredVectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks every query against the references for a model or fusion, from vectors already computed:
 * the search's own {@link ExactRanker} over the references keyed by id (a path's file name without
 * the extension), its hits as {@link Predictions}. All queries of a model go to the index in one
 * batch; each index is built once and reused. Thread-safe.
 */
public final class VectorRanker {

    /**
     * A model's ranking and what it cost.
     *
     * @param predictions   each query's top k
     * @param searchSeconds wall time in exact search
     * @param buildSeconds  wall time building the index (and, for a fusion, joining the vectors)
     */
    public record Ranked(Predictions predictions, double searchSeconds, double buildSeconds) {}

    private final Map<String, StoredVectors> references = new LinkedHashMap<>();
    private final Map<String, QueryVectors> queries;
    private final int k;
    private final ExactRanker ranker = new ExactRanker(this::referencesOf);

    /**
     * @param references each single model's reference vectors, by model name
     * @param queries    each single model's query vectors, by model name
     * @param k          candidates per query, at least 1
     */
    public VectorRanker(Map<String, StoredVectors> references, Map<String, QueryVectors> queries, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        references.forEach((model, vectors) -> this.references.put(
                model,
                new StoredVectors(
                        vectors.model(),
                        vectors.paths().stream().map(CopyDetectionSet::idOf).toList(),
                        vectors.data())));
        this.queries = Map.copyOf(queries);
        this.k = k;
    }

    /** The ranking of a model or fusion; each candidate's score is what it was ranked by. */
    public Ranked rank(ModelChoice choice) {
        for (String model : choice.models()) {
            require(references, model);
            require(queries, model);
        }
        ExactRanker.Ranking ranking;
        try {
            ranking = ranker.rank(choice, queries, k);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the vectors are in memory: never thrown
        }
        Map<String, List<Candidate>> byQuery = new LinkedHashMap<>();
        ranking.byQuery()
                .forEach((query, hits) -> byQuery.put(
                        query,
                        hits.stream()
                                .map(hit -> new Candidate(hit.hit().path(), hit.score()))
                                .toList()));
        return new Ranked(new Predictions(choice.name(), byQuery), ranking.searchSeconds(), ranking.buildSeconds());
    }

    private StoredVectors referencesOf(dev.lookalike.model.ModelIdentity model) {
        StoredVectors vectors = require(references, model.name());
        if (!vectors.model().equals(model)) {
            throw new IllegalArgumentException(
                    "reference vectors of " + vectors.model() + " do not come from " + model);
        }
        return vectors;
    }

    private static <T> T require(Map<String, T> byModel, String model) {
        T value = byModel.get(model);
        if (value == null) {
            throw new IllegalArgumentException("no vectors for model " + model + " (have " + byModel.keySet() + ")");
        }
        return value;
    }
}
