/**
 * The durable store behind {@code --index PATH}: models, file records and vectors in SQLite, written in
 * atomic batches so that a killed indexing run loses at most its uncommitted batch and resumes cleanly.
 */
package dev.lookalike.store;
