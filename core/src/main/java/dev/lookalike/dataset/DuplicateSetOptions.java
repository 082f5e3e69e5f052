package dev.lookalike.dataset;

import java.util.OptionalInt;

/**
 * What set {@link DuplicateSetMaker} makes.
 *
 * @param groups  photos that get copies (a group each); default: half the readable photos, at
 *                least 1. The other photos go in as singles, without copies.
 * @param seed    decides every choice: the same photos and seed give the same bytes
 * @param workers threads that decode, edit and encode, at least 1; the output does not depend on it
 */
public record DuplicateSetOptions(OptionalInt groups, long seed, int workers) {

    public DuplicateSetOptions {
        if (groups.isPresent() && groups.getAsInt() < 1) {
            throw new IllegalArgumentException("groups must be at least 1: " + groups.getAsInt());
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
    }

    /** Half the photos as groups, seed 0, one worker per core. */
    public static DuplicateSetOptions defaults() {
        return new DuplicateSetOptions(
                OptionalInt.empty(), 0, Runtime.getRuntime().availableProcessors());
    }

    public DuplicateSetOptions withGroups(int count) {
        return new DuplicateSetOptions(OptionalInt.of(count), seed, workers);
    }

    public DuplicateSetOptions withSeed(long newSeed) {
        return new DuplicateSetOptions(groups, newSeed, workers);
    }

    public DuplicateSetOptions withWorkers(int count) {
        return new DuplicateSetOptions(groups, seed, count);
    }
}
