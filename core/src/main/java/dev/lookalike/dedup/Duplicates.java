package dev.lookalike.dedup;

import java.util.List;

/**
 * The answer of {@link DuplicateFinder#find}: the groups and every pair they were made from.
 *
 * @param model         the model or fusion whose cosines were used
 * @param threshold     the least cosine of a pair
 * @param groups        the groups shown, in their keepers' path order
 * @param pairs         every pair at or above the threshold, in path order, except pairs inside a group marked
 *                      "not duplicates"
 * @param ignoredGroups groups found but not shown, because a person marked them "not duplicates"
 */
public record Duplicates(String model, float threshold, List<DuplicateGroup> groups, List<DuplicatePair> pairs,
                         int ignoredGroups) {

    public Duplicates {
        groups = List.copyOf(groups);
        pairs = List.copyOf(pairs);
    }

    /** Files in the groups, keepers included. */
    public int images() {
        return groups.stream().mapToInt(group -> group.members().size()).sum();
    }

    /** Files that are not their group's keeper. */
    public int duplicateImages() {
        return images() - groups.size();
    }

    /** The bytes that moving every non-keeper away would free. */
    public long duplicateBytes() {
        return groups.stream().mapToLong(DuplicateGroup::duplicateBytes).sum();
    }
}
