package dev.lookalike.solr;

import java.time.Duration;
import java.util.List;

/**
 * What a push did.
 *
 * @param collection the collection pushed to
 * @param created    whether the push created the collection
 * @param models     the models whose vectors were pushed, in name order
 * @param images     images written (added or replaced)
 * @param pruned     images deleted because the index no longer has them
 * @param elapsed    how long the push took
 */
public record PushReport(
        String collection, boolean created, List<String> models, int images, int pruned, Duration elapsed) {

    public PushReport {
        models = List.copyOf(models);
    }
}
