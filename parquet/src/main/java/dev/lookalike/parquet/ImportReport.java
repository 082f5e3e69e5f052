package dev.lookalike.parquet;

/**
 * What an import did.
 *
 * @param rows      rows read from the dataset (each path once)
 * @param imported  rows written to the index (new or changed files, error rows included)
 * @param unchanged rows the index already had (same content and models, or the same error): a resumed import skips them
 * @param errors    error rows among those read: files that could not be embedded
 */
public record ImportReport(int rows, int imported, int unchanged, int errors) {}
