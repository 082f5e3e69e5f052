package dev.lookalike.benchmark;

/**
 * One reference a model proposes for a query.
 *
 * @param referenceId the reference image's id
 * @param score       the model's confidence, higher for more alike (a cosine, or a fusion's score)
 */
public record Candidate(String referenceId, double score) {}
