package dev.lookalike.text;

/**
 * One text as the model reads it.
 *
 * @param ids       the token ids, {@code <|startoftext|>} first and {@code <|endoftext|>} last, no padding
 * @param truncated whether the text had more tokens than the model's context and lost its tail
 */
public record TokenizedText(long[] ids, boolean truncated) {}
