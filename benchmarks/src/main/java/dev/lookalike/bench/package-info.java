/**
 * Side-by-side benchmarks: lookalike's pipeline against its anchors (ONNX Runtime alone,
 * FAISS), measured in one run and reported as ratios.
 */
package dev.lookalike.bench;
