package dev.lookalike.dedup;

import java.util.List;
import java.util.Set;

/**
 * The answer of {@link DuplicateFinder#find}: the groups and every pair they were made from.
 * {@link #hiding} leaves out what people marked "not duplicates".
 *
 * @param model         the model or fusion whose cosines were used
 * @param threshold     the least cosine of a pair
 * @param groups        the groups shown, in their keepers' path order
 * @param pairs         every pair at or above the threshold, in path order, except pairs inside a group marked
 *                      "not duplicates"
 * @param ignoredGroups groups found but not shown, because a person marked them "not duplicates"
 */
public record Duplicates(
        String model, float threshold, List<DuplicateGroup> groups, List<DuplicatePair> pairs, int ignoredGroups) {

    public Duplicates {
        groups = List.copyOf(groups);
        pairs = List.copyOf(pairs);
    }

    /**
     * These duplicates without what people marked "not duplicates": a group whose files all lie in one decision is
     * left out (and counted in {@link #ignoredGroups()}), and so is a pair inside one decision. A group another
     * file has joined since stays.
     *
     * @param decisions the decisions, each a set of paths (as {@link dev.lookalike.store.IndexStore#notDuplicates})
     */
    public Duplicates hiding(List<Set<String>> decisions) {
        if (decisions.isEmpty()) {
            return this;
        }
        List<DuplicateGroup> shown = groups.stream()
                .filter(group -> decisions.stream()
                        .noneMatch(decision ->
                                group.members().stream().allMatch(member -> decision.contains(member.path()))))
                .toList();
        List<DuplicatePair> kept = pairs.stream()
                .filter(pair -> decisions.stream()
                        .noneMatch(decision -> decision.contains(pair.a()) && decision.contains(pair.b())))
                .toList();
        return new Duplicates(model, threshold, shown, kept, ignoredGroups + groups.size() - shown.size());
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
