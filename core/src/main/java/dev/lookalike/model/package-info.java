/**
 * What a model is: its descriptor (hub repo, ONNX file, output, pooling, dimension), the
 * built-in models and how a name becomes a ready model directory.
 */
package dev.lookalike.model;
