/**
 * The copy-detection benchmark: a DISC21-layout data set in, per-model predictions, the
 * article's and ISC2021's metrics, and the per-query analysis out.
 */
package dev.lookalike.benchmark;
