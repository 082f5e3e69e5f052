package dev.lookalike.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * Which photo plays which role, drawn from the seed: reference {@code i} is
 * {@code references().get(i)}, query {@code j} is {@code queries().get(j)}.
 *
 * @param references  source paths of the references, in id order
 * @param queries     the queries in id order
 * @param backgrounds photos that are not references, where composites may paste a copy
 */
record SetPlan(List<String> references, List<QuerySource> queries, List<String> backgrounds) {

    /**
     * What a query is edited from.
     *
     * @param source    the photo's path under the source folder
     * @param reference the index of its reference, or -1 for a distractor
     */
    record QuerySource(String source, int reference) {
        boolean distractor() {
            return reference < 0;
        }
    }

    int distractors() {
        return (int) queries.stream().filter(QuerySource::distractor).count();
    }

    /**
     * Assigns {@code photos} (sorted paths) to roles. The queries with a match copy the references in a
     * seeded order: {@code copiesPerReference} consecutive queries per reference when given, else
     * round after round over every reference (a new order each round), so that each is used as evenly
     * as possible.
     */
    static SetPlan draw(List<String> photos, SetCounts counts, OptionalInt copiesPerReference, long seed) {
        SplittableRandom random = EditRecipe.forPlan(seed);
        List<String> shuffled = new ArrayList<>(photos);
        Collections.shuffle(shuffled, random);
        List<String> heldOut = new ArrayList<>(shuffled.subList(0, counts.distractors()));
        List<String> references =
                List.copyOf(shuffled.subList(counts.distractors(), counts.distractors() + counts.references()));
        heldOut.addAll(shuffled.subList(counts.distractors() + counts.references(), shuffled.size()));

        List<QuerySource> queries = new ArrayList<>();
        for (int reference : copiedReferences(references.size(), counts.matched(), copiesPerReference, random)) {
            queries.add(new QuerySource(references.get(reference), reference));
        }
        for (String distractor : heldOut.subList(0, counts.distractors())) {
            queries.add(new QuerySource(distractor, -1));
        }
        Collections.shuffle(queries, random);
        heldOut.sort(null);
        return new SetPlan(references, List.copyOf(queries), List.copyOf(heldOut));
    }

    /** The reference index each of the {@code matched} queries copies. */
    private static List<Integer> copiedReferences(
            int references, int matched, OptionalInt copiesPerReference, SplittableRandom random) {
        List<Integer> order = shuffledIndices(references, random);
        List<Integer> copied = new ArrayList<>();
        if (copiesPerReference.isPresent()) {
            for (int query = 0; query < matched; query++) {
                copied.add(order.get(query / copiesPerReference.getAsInt()));
            }
            return copied;
        }
        copied.addAll(order);
        while (copied.size() < matched) {
            copied.addAll(shuffledIndices(references, random));
        }
        return copied.subList(0, matched);
    }

    private static List<Integer> shuffledIndices(int count, SplittableRandom random) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            indices.add(i);
        }
        Collections.shuffle(indices, random);
        return indices;
    }

    /** The backgrounds a query edited from {@code source} may use: never its own photo. */
    List<String> backgroundsFor(String source) {
        return backgrounds.stream()
                .filter(background -> !background.equals(source))
                .toList();
    }
}
