package dev.lookalike.benchmark;

import dev.lookalike.search.ModelChoice;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One model's (or fusion's) benchmark outcome.
 *
 * <p>The ranks, and so accuracy and recall at rank 1/10, compare across every row. uAP and
 * recall@P90 pool every query's candidate scores into one ranking, so they compare only between
 * rows whose scores mean the same: cosines (plain models, mean fusions), not the reciprocal-rank
 * scores of a {@code :rrf} fusion (see {@link #rankScored()}).
 *
 * @param choice                     the model or fusion
 * @param article                    the article's accuracy and top-3 accuracy
 * @param isc                        ISC2021's metrics
 * @param referenceImagesPerSecond   extraction throughput over the references in this run; empty
 *                                   when nothing was extracted (vectors reused or precomputed, or a fusion)
 * @param queryImagesPerSecond       extraction throughput over the queries; empty for a fusion
 * @param searchSeconds              time in exact search, all queries together
 * @param predictions                each query's top k
 * @param variants                   the same model's results with a background set's help, by
 *                                   variant (empty without a background); each with the same
 *                                   fields, no throughput and no variants of its own
 */
public record ModelResult(
        ModelChoice choice,
        ArticleMetrics article,
        IscMetrics isc,
        OptionalDouble referenceImagesPerSecond,
        OptionalDouble queryImagesPerSecond,
        double searchSeconds,
        Predictions predictions,
        Map<Variant, ModelResult> variants) {

    public ModelResult {
        EnumMap<Variant, ModelResult> copy = new EnumMap<>(Variant.class);
        copy.putAll(variants);
        variants = Collections.unmodifiableMap(copy);
    }

    /** A result without variants. */
    public ModelResult(
            ModelChoice choice,
            ArticleMetrics article,
            IscMetrics isc,
            OptionalDouble referenceImagesPerSecond,
            OptionalDouble queryImagesPerSecond,
            double searchSeconds,
            Predictions predictions) {
        this(
                choice,
                article,
                isc,
                referenceImagesPerSecond,
                queryImagesPerSecond,
                searchSeconds,
                predictions,
                Map.of());
    }

    /** The model's (or fusion's) name. */
    public String model() {
        return choice.name();
    }

    /**
     * Whether the candidates' scores are reciprocal-rank scores rather than cosines (a
     * {@code :rrf} fusion): they lie in a narrow band and tie across queries, so this row's uAP and
     * recall@P90 are not comparable with a cosine-scored row's.
     */
    public boolean rankScored() {
        return choice.rankScored();
    }
}
