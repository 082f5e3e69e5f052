/**
 * Embeddings and file metadata as Parquet, in the layout the Spark job writes: a manifest naming the root and the
 * models, and one directory of part files per committed run. {@code index export-parquet} and
 * {@code index import-parquet} read and write it without Spark or Hadoop.
 */
package dev.lookalike.parquet;
