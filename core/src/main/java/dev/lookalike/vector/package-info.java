/** Dot products, distances and norms of float vectors: a checked front ({@link dev.lookalike.vector.VectorUtil})
 * over fast kernels chosen once at start-up (SIMD with {@code jdk.incubator.vector} when present, else scalar). */
package dev.lookalike.vector;
