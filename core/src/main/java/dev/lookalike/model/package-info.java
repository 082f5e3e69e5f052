/**
 * What a model is and how it becomes a ready {@link dev.lookalike.model.ImageModel}: ONNX models
 * (hub repo or local directory, ONNX file, output, pooling, dimension) and computed ones (the
 * perceptual hash), the built-in models and the user's catalogue.
 */
package dev.lookalike.model;
