package dev.lookalike.dedup;

/**
 * Two indexed files whose cosine reaches the threshold.
 *
 * @param a      the path that sorts first (the index's path order)
 * @param b      the other path
 * @param cosine their vectors' cosine; 1 for files with the same SHA-256 that the model's join did not pair
 */
public record DuplicatePair(String a, String b, float cosine) {}
