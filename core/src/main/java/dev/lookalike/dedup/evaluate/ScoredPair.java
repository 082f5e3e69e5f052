package dev.lookalike.dedup.evaluate;

/**
 * Two images a model paired, and their cosine.
 *
 * @param a      one path, as the index stores it
 * @param b      the other
 * @param cosine their cosine (1 for the same content)
 */
public record ScoredPair(String a, String b, double cosine) {}
