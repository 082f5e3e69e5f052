/**
 * Text to token ids, as the model's own {@code tokenizer.json} defines it: the first stage of a text query,
 * before {@link dev.lookalike.embed.OnnxTextEncoder} turns the ids into a vector.
 */
package dev.lookalike.text;
