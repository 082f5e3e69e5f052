package dev.lookalike.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * How two models compare query by query, over the queries that copy a reference, in the
 * article's four groups: both ranked the true reference first, neither did, only A did, only B
 * did. For the "only" groups, whether the other model still had it in its top 3.
 *
 * @param modelA      the first model's name
 * @param modelB      the second model's name
 * @param bothRight   queries both models got right, in ground-truth order
 * @param neither     queries neither got right
 * @param onlyA       queries only A got right
 * @param onlyATop3OfB of {@code onlyA}, those B had in its top 3
 * @param onlyB       queries only B got right
 * @param onlyBTop3OfA of {@code onlyB}, those A had in its top 3
 */
public record PairOverlap(
        String modelA,
        String modelB,
        List<String> bothRight,
        List<String> neither,
        List<String> onlyA,
        List<String> onlyATop3OfB,
        List<String> onlyB,
        List<String> onlyBTop3OfA) {

    public PairOverlap {
        bothRight = List.copyOf(bothRight);
        neither = List.copyOf(neither);
        onlyA = List.copyOf(onlyA);
        onlyATop3OfB = List.copyOf(onlyATop3OfB);
        onlyB = List.copyOf(onlyB);
        onlyBTop3OfA = List.copyOf(onlyBTop3OfA);
    }

    /** Sorts the queries of {@code truth} with a match into the four groups. */
    public static PairOverlap of(GroundTruth truth, Predictions a, Predictions b) {
        List<String> both = new ArrayList<>();
        List<String> neither = new ArrayList<>();
        List<String> onlyA = new ArrayList<>();
        List<String> onlyATop3 = new ArrayList<>();
        List<String> onlyB = new ArrayList<>();
        List<String> onlyBTop3 = new ArrayList<>();
        for (String query : truth.queriesWithMatch()) {
            String reference = truth.reference(query).orElseThrow();
            int positionA = a.positionOf(query, reference);
            int positionB = b.positionOf(query, reference);
            boolean rightA = positionA == 0;
            boolean rightB = positionB == 0;
            if (rightA && rightB) {
                both.add(query);
            } else if (!rightA && !rightB) {
                neither.add(query);
            } else if (rightA) {
                onlyA.add(query);
                if (positionB >= 0 && positionB < 3) {
                    onlyATop3.add(query);
                }
            } else {
                onlyB.add(query);
                if (positionA >= 0 && positionA < 3) {
                    onlyBTop3.add(query);
                }
            }
        }
        return new PairOverlap(a.model(), b.model(), both, neither, onlyA, onlyATop3, onlyB, onlyBTop3);
    }
}
