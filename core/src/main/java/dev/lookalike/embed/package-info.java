/**
 * Model input to embedding: ONNX Runtime sessions, output selection, pooling and normalisation.
 */
package dev.lookalike.embed;
