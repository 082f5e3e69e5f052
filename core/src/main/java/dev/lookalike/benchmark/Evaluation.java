package dev.lookalike.benchmark;

import java.util.ArrayList;
import java.util.List;

/** The analyses that need every model's predictions at once. */
public final class Evaluation {

    private Evaluation() {}

    /** The four groups for every pair of models, in model order (A before B). */
    public static List<PairOverlap> overlaps(GroundTruth truth, List<Predictions> models) {
        List<PairOverlap> pairs = new ArrayList<>();
        for (int a = 0; a < models.size(); a++) {
            for (int b = a + 1; b < models.size(); b++) {
                pairs.add(PairOverlap.of(truth, models.get(a), models.get(b)));
            }
        }
        return pairs;
    }
}
