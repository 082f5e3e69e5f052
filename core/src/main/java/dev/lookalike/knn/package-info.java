/**
 * Nearest-neighbour search in memory over L2-normalised vectors, FAISS's "index" of vectors: add vectors,
 * search top-k by cosine; int ordinals inside, ids only at the edge. {@link dev.lookalike.knn.FlatIndex} is
 * the exact brute-force search. (An index in the tool's sense, the folder {@code lookalike index} builds, is
 * {@link dev.lookalike.store.IndexStore}; {@code dev.lookalike.indexing} builds it.)
 */
package dev.lookalike.knn;
