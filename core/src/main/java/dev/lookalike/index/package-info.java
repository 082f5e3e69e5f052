/** Vector indexes over L2-normalised embeddings: add vectors, search top-k by cosine; int ordinals inside,
 * ids only at the edge. {@link dev.lookalike.index.FlatIndex} is the exact brute-force reference. */
package dev.lookalike.index;
