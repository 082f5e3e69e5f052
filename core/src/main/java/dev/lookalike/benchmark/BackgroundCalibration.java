package dev.lookalike.benchmark;

import dev.lookalike.calibration.PcaWhitening;
import dev.lookalike.calibration.ScoreNormalization;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.search.ModelChoice;
import dev.lookalike.search.QueryVectors;
import dev.lookalike.store.StoredVectors;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a background set does to a benchmark's rankings: every model's (and mean fusion's)
 * {@linkplain Variant variants}, from vectors already computed. Score normalisation keeps each
 * query's candidates and shifts their scores by the query's {@link ScoreNormalization#adjustment};
 * whitening learns one {@link PcaWhitening} per plain model on its background vectors and ranks the
 * whitened vectors again. A {@code :rrf} fusion's scores are ranks, so it gets only the
 * {@code whiten} variant (the fusion of the whitened models). Not thread-safe.
 */
public final class BackgroundCalibration {

    private final ScoreNormalization scoreNorm;
    private final VectorRanker background;
    private final VectorRanker whitened;
    private final VectorRanker whitenedBackground;
    private final BackgroundSettings settings;

    private BackgroundCalibration(
            ScoreNormalization scoreNorm,
            VectorRanker background,
            VectorRanker whitened,
            VectorRanker whitenedBackground,
            BackgroundSettings settings) {
        this.scoreNorm = scoreNorm;
        this.background = background;
        this.whitened = whitened;
        this.whitenedBackground = whitenedBackground;
        this.settings = settings;
    }

    /**
     * Learns the calibration of each plain model.
     *
     * @param options     the background's settings
     * @param references  each plain model's reference vectors
     * @param queries     each plain model's query vectors
     * @param backgrounds each plain model's background vectors; rows' paths need not be ids
     * @param k           candidates per query of the whitened rankings
     * @throws IllegalArgumentException when the background is too small for the score normalisation
     */
    public static BackgroundCalibration learn(
            BackgroundOptions options,
            Map<String, StoredVectors> references,
            Map<String, QueryVectors> queries,
            Map<String, StoredVectors> backgrounds,
            int k) {
        ScoreNormalization scoreNorm = options.scoreNorm();
        Map<String, StoredVectors> distinct = new LinkedHashMap<>();
        backgrounds.forEach((model, vectors) -> distinct.put(model, numbered(vectors)));
        int count =
                distinct.values().stream().mapToInt(StoredVectors::count).min().orElse(0);
        if (count < scoreNorm.neighbours()) {
            throw new IllegalArgumentException("the background " + options.images() + " has " + count
                    + " images with vectors; score normalisation " + scoreNorm + " needs at least "
                    + scoreNorm.neighbours());
        }
        VectorRanker background = new VectorRanker(distinct, queries, scoreNorm.neighbours());
        if (!options.whiten()) {
            return new BackgroundCalibration(
                    scoreNorm,
                    background,
                    null,
                    null,
                    new BackgroundSettings(options.images(), count, scoreNorm, Map.of()));
        }
        Map<String, StoredVectors> whiteReferences = new LinkedHashMap<>();
        Map<String, QueryVectors> whiteQueries = new LinkedHashMap<>();
        Map<String, StoredVectors> whiteBackground = new LinkedHashMap<>();
        Map<String, Integer> dimensions = new LinkedHashMap<>();
        for (Map.Entry<String, StoredVectors> entry : distinct.entrySet()) {
            String model = entry.getKey();
            StoredVectors vectors = entry.getValue();
            int dimension = Math.min(
                    options.whitenDimension().orElse(vectors.dimension()),
                    PcaWhitening.maxDimension(vectors.dimension(), vectors.count()));
            PcaWhitening whitening =
                    PcaWhitening.learn(vectors.data(), vectors.count(), vectors.dimension(), dimension);
            dimensions.put(model, dimension);
            whiteBackground.put(model, whiten(whitening, vectors));
            whiteReferences.put(model, whiten(whitening, require(references, model)));
            whiteQueries.put(model, whiten(whitening, require(queries, model)));
        }
        return new BackgroundCalibration(
                scoreNorm,
                background,
                new VectorRanker(whiteReferences, whiteQueries, k),
                new VectorRanker(whiteBackground, whiteQueries, scoreNorm.neighbours()),
                new BackgroundSettings(options.images(), count, scoreNorm, dimensions));
    }

    /** What was used. */
    public BackgroundSettings settings() {
        return settings;
    }

    /**
     * The variants of a model or fusion, in {@link Variant} order.
     *
     * @param raw its raw ranking
     */
    public Map<Variant, VectorRanker.Ranked> variants(ModelChoice choice, VectorRanker.Ranked raw) {
        boolean rankScored = choice.rankScored();
        Map<Variant, VectorRanker.Ranked> variants = new EnumMap<>(Variant.class);
        if (!rankScored) {
            variants.put(Variant.SCORE_NORM, normalized(raw, background.rank(choice)));
        }
        if (whitened != null) {
            VectorRanker.Ranked white = whitened.rank(choice);
            variants.put(Variant.WHITEN, white);
            if (!rankScored) {
                variants.put(Variant.WHITEN_SCORE_NORM, normalized(white, whitenedBackground.rank(choice)));
            }
        }
        return variants;
    }

    /** {@code ranked}'s candidates with each query's scores shifted by its adjustment from {@code neighbours}. */
    private VectorRanker.Ranked normalized(VectorRanker.Ranked ranked, VectorRanker.Ranked neighbours) {
        Map<String, List<Candidate>> byQuery = new LinkedHashMap<>();
        ranked.predictions().byQuery().forEach((query, candidates) -> {
            if (candidates.isEmpty()) {
                byQuery.put(query, candidates);
                return;
            }
            double shift = scoreNorm.adjustment(neighbours.predictions().of(query).stream()
                    .mapToDouble(Candidate::score)
                    .toArray());
            List<Candidate> shifted = new ArrayList<>(candidates.size());
            candidates.forEach(c -> shifted.add(new Candidate(c.referenceId(), c.score() + shift)));
            byQuery.put(query, shifted);
        });
        return new VectorRanker.Ranked(
                new Predictions(ranked.predictions().model(), byQuery),
                ranked.searchSeconds() + neighbours.searchSeconds(),
                ranked.buildSeconds() + neighbours.buildSeconds());
    }

    /** The vectors with paths {@code 0, 1, ...}: background images need no ids, only distinct ones. */
    private static StoredVectors numbered(StoredVectors vectors) {
        List<String> paths = new ArrayList<>(vectors.count());
        for (int i = 0; i < vectors.count(); i++) {
            paths.add(Integer.toString(i));
        }
        return new StoredVectors(vectors.model(), paths, vectors.data());
    }

    private static StoredVectors whiten(PcaWhitening whitening, StoredVectors vectors) {
        return new StoredVectors(
                whitenedIdentity(vectors.model(), whitening),
                vectors.paths(),
                whitening.apply(vectors.data(), vectors.count()));
    }

    private static QueryVectors whiten(PcaWhitening whitening, QueryVectors vectors) {
        int d = whitening.inputDimension();
        float[] rows = new float[vectors.vectors().length * d];
        for (int i = 0; i < vectors.vectors().length; i++) {
            System.arraycopy(vectors.vectors()[i], 0, rows, i * d, d);
        }
        float[] white = whitening.apply(rows, vectors.vectors().length);
        int out = whitening.outputDimension();
        float[][] split = new float[vectors.vectors().length][];
        for (int i = 0; i < split.length; i++) {
            split[i] = java.util.Arrays.copyOfRange(white, i * out, (i + 1) * out);
        }
        return new QueryVectors(whitenedIdentity(vectors.model(), whitening), vectors.ids(), split);
    }

    /** The identity of whitened vectors: the model's, with the whitening in its pooling and the new dimension. */
    private static ModelIdentity whitenedIdentity(ModelIdentity model, PcaWhitening whitening) {
        return new ModelIdentity(
                model.name(),
                model.definitionSha256(),
                model.output(),
                model.pooling() + "+pcaw" + whitening.outputDimension(),
                whitening.outputDimension());
    }

    private static <T> T require(Map<String, T> byModel, String model) {
        return Optional.ofNullable(byModel.get(model))
                .orElseThrow(() -> new IllegalArgumentException(
                        "no vectors for model " + model + " (have " + byModel.keySet() + ")"));
    }
}
