package dev.lookalike.dataset;

import java.util.OptionalInt;

/**
 * What set {@link CopyDetectionSetMaker} makes.
 *
 * @param references         reference images; default: every readable photo not held out as a distractor source
 * @param queries            query images; default: a quarter of the photos (of the references when
 *                           they are given), at least 1
 * @param distractorFraction the share of queries made from photos held out of the references, in
 *                           [0, 1); their ground-truth reference is empty
 * @param copiesPerReference how many queries copy each reference that is copied (the last one fewer
 *                           when they don't divide evenly); default: the queries with a match are
 *                           spread over every reference as evenly as possible (each used once while
 *                           there are at least as many references as such queries)
 * @param seed               decides every choice: the same photos and seed give the same bytes
 * @param workers            threads that decode, edit and encode, at least 1; the output does not depend on it
 * @param background         photos held out into {@code background/}, for score normalisation and
 *                           whitening: never references, never made into queries, never pasted into one
 */
public record CopyDetectionOptions(
        OptionalInt references,
        OptionalInt queries,
        double distractorFraction,
        OptionalInt copiesPerReference,
        long seed,
        int workers,
        int background) {

    /** The distractor share when none is given. */
    public static final double DEFAULT_DISTRACTOR_FRACTION = 0.2;
    /** The seed when none is given. */
    public static final long DEFAULT_SEED = 0;
    /** The share of photos (or references) that become queries when no count is given. */
    public static final double DEFAULT_QUERY_SHARE = 0.25;

    public CopyDetectionOptions {
        if (references.isPresent() && references.getAsInt() < 1) {
            throw new IllegalArgumentException("references must be at least 1: " + references.getAsInt());
        }
        if (queries.isPresent() && queries.getAsInt() < 1) {
            throw new IllegalArgumentException("queries must be at least 1: " + queries.getAsInt());
        }
        if (!(distractorFraction >= 0 && distractorFraction < 1)) {
            throw new IllegalArgumentException("distractor fraction must be in [0, 1): " + distractorFraction);
        }
        if (copiesPerReference.isPresent() && copiesPerReference.getAsInt() < 1) {
            throw new IllegalArgumentException(
                    "copies per reference must be at least 1: " + copiesPerReference.getAsInt());
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        if (background < 0) {
            throw new IllegalArgumentException("background must be at least 0: " + background);
        }
    }

    /** Without a background set. */
    public CopyDetectionOptions(
            OptionalInt references,
            OptionalInt queries,
            double distractorFraction,
            OptionalInt copiesPerReference,
            long seed,
            int workers) {
        this(references, queries, distractorFraction, copiesPerReference, seed, workers, 0);
    }

    /** These options with {@code count} photos held out as the background set. */
    public CopyDetectionOptions withBackground(int count) {
        return new CopyDetectionOptions(
                references, queries, distractorFraction, copiesPerReference, seed, workers, count);
    }

    /** Every default, one worker per core. */
    public static CopyDetectionOptions defaults() {
        return new CopyDetectionOptions(
                OptionalInt.empty(),
                OptionalInt.empty(),
                DEFAULT_DISTRACTOR_FRACTION,
                OptionalInt.empty(),
                DEFAULT_SEED,
                Runtime.getRuntime().availableProcessors());
    }

    public CopyDetectionOptions withReferences(int count) {
        return new CopyDetectionOptions(
                OptionalInt.of(count), queries, distractorFraction, copiesPerReference, seed, workers, background);
    }

    public CopyDetectionOptions withQueries(int count) {
        return new CopyDetectionOptions(
                references, OptionalInt.of(count), distractorFraction, copiesPerReference, seed, workers, background);
    }

    public CopyDetectionOptions withDistractorFraction(double fraction) {
        return new CopyDetectionOptions(references, queries, fraction, copiesPerReference, seed, workers, background);
    }

    public CopyDetectionOptions withSeed(long newSeed) {
        return new CopyDetectionOptions(
                references, queries, distractorFraction, copiesPerReference, newSeed, workers, background);
    }

    public CopyDetectionOptions withWorkers(int count) {
        return new CopyDetectionOptions(
                references, queries, distractorFraction, copiesPerReference, seed, count, background);
    }

    public CopyDetectionOptions withCopiesPerReference(int count) {
        return new CopyDetectionOptions(
                references, queries, distractorFraction, OptionalInt.of(count), seed, workers, background);
    }
}
