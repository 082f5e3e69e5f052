package dev.lookalike.benchmark;

import java.util.OptionalDouble;

/**
 * One model's (or fusion's) benchmark outcome.
 *
 * @param model                      the model's name
 * @param article                    the article's accuracy and top-3 accuracy
 * @param isc                        ISC2021's metrics
 * @param referenceImagesPerSecond   extraction throughput over the references in this run; empty
 *                                   when nothing was extracted (vectors reused or precomputed, or a fusion)
 * @param queryImagesPerSecond       extraction throughput over the queries; empty for a fusion
 * @param searchSeconds              time in exact search, all queries together
 * @param predictions                each query's top k
 */
public record ModelResult(String model, ArticleMetrics article, IscMetrics isc, OptionalDouble referenceImagesPerSecond,
                          OptionalDouble queryImagesPerSecond, double searchSeconds, Predictions predictions) {
}
