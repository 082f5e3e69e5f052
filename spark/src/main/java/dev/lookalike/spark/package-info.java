/**
 * Embedding extraction on Apache Spark: lists image files, embeds them per partition with the library's decoder and
 * models (one ONNX Runtime session per executor JVM), and writes {@link dev.lookalike.parquet.DatasetLayout} runs
 * that {@code index import-parquet} loads.
 */
package dev.lookalike.spark;
