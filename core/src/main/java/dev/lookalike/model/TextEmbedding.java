package dev.lookalike.model;

/**
 * A text's vector.
 *
 * @param text      the text as given
 * @param vector    the text tower's output, not normalised
 * @param truncated whether the text had more tokens than the model reads (77 for CLIP) and lost its tail
 */
public record TextEmbedding(String text, float[] vector, boolean truncated) {}
