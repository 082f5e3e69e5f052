/**
 * Pixels to model input: {@code preprocessor_config.json}, PIL-exact resampling, center crop,
 * rescale and normalise into a CHW float tensor.
 */
package dev.lookalike.preprocess;
