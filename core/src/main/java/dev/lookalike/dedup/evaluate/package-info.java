/**
 * {@code dedup --evaluate}: how well a model's pairs match a duplicate set's known groups
 * ({@code groups.csv} of {@code dataset duplicates}): pair precision, recall and F1 over a sweep of
 * thresholds, the best threshold, and the misses and false matches there.
 */
package dev.lookalike.dedup.evaluate;
