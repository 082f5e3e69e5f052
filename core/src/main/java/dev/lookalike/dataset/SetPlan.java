package dev.lookalike.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

    /** Assigns {@code photos} (sorted paths) to roles. */
    static SetPlan draw(List<String> photos, SetCounts counts, long seed) {
        SplittableRandom random = EditRecipe.forPlan(seed);
        List<String> shuffled = new ArrayList<>(photos);
        Collections.shuffle(shuffled, random);
        List<String> heldOut = new ArrayList<>(shuffled.subList(0, counts.distractors()));
        List<String> references = List.copyOf(shuffled.subList(counts.distractors(), counts.distractors() + counts.references()));
        heldOut.addAll(shuffled.subList(counts.distractors() + counts.references(), shuffled.size()));

        List<Integer> referenceOrder = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            referenceOrder.add(i);
        }
        Collections.shuffle(referenceOrder, random);
        List<QuerySource> queries = new ArrayList<>();
        for (int reference : referenceOrder.subList(0, counts.matched())) {
            queries.add(new QuerySource(references.get(reference), reference));
        }
        for (String distractor : heldOut.subList(0, counts.distractors())) {
            queries.add(new QuerySource(distractor, -1));
        }
        Collections.shuffle(queries, random);
        heldOut.sort(null);
        return new SetPlan(references, List.copyOf(queries), List.copyOf(heldOut));
    }

    /** The backgrounds a query edited from {@code source} may use: never its own photo. */
    List<String> backgroundsFor(String source) {
        return backgrounds.stream().filter(background -> !background.equals(source)).toList();
    }
}
