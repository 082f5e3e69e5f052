package dev.lookalike.dedup.evaluate;

import dev.lookalike.dataset.GroupsCsv;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The true duplicate pairs of a set, restricted to the images an index holds: every pair of images
 * in one group of {@code groups.csv}, and no pair across groups.
 */
public final class KnownGroups {

    private final Map<String, String> groupOf;
    private final long truePairs;
    private final int missing;

    private KnownGroups(Map<String, String> groupOf, int missing) {
        this.groupOf = groupOf;
        this.missing = missing;
        Map<String, Long> sizes =
                groupOf.values().stream().collect(Collectors.groupingBy(g -> g, Collectors.counting()));
        this.truePairs = sizes.values().stream().mapToLong(n -> n * (n - 1) / 2).sum();
    }

    /**
     * The groups of {@code rows} among {@code indexed} paths.
     *
     * @throws IllegalArgumentException when no image of the set is in the index
     */
    public static KnownGroups of(List<GroupsCsv.Row> rows, Collection<String> indexed) {
        Set<String> present = Set.copyOf(indexed);
        Map<String, String> groupOf = new HashMap<>();
        int missing = 0;
        for (GroupsCsv.Row row : rows) {
            if (present.contains(row.path())) {
                groupOf.put(row.path(), row.group());
            } else {
                missing++;
            }
        }
        if (groupOf.isEmpty()) {
            throw new IllegalArgumentException("none of the " + rows.size() + " images of groups.csv is in the index"
                    + " (paths must be as the index stores them: index the set's images folder)");
        }
        return new KnownGroups(groupOf, missing);
    }

    /** Whether the set lists {@code path} (and the index holds it). */
    public boolean contains(String path) {
        return groupOf.containsKey(path);
    }

    /** Whether {@code a} and {@code b} are in one group. */
    public boolean duplicates(String a, String b) {
        String group = groupOf.get(a);
        return group != null && group.equals(groupOf.get(b));
    }

    /** The true pairs among the indexed images. */
    public long truePairs() {
        return truePairs;
    }

    /** Images of the set the index does not hold (not counted anywhere). */
    public int missing() {
        return missing;
    }

    /** The indexed images of the set. */
    public int images() {
        return groupOf.size();
    }

    /** Every true pair, each as {@code [a, b]} with {@code a < b}. */
    public List<String[]> pairs() {
        Map<String, List<String>> members = groupOf.entrySet().stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        return members.values().stream()
                .flatMap(group -> {
                    List<String> sorted = group.stream().sorted().toList();
                    return java.util.stream.IntStream.range(0, sorted.size())
                            .boxed()
                            .flatMap(i -> sorted.subList(i + 1, sorted.size()).stream()
                                    .map(b -> new String[] {sorted.get(i), b}));
                })
                .toList();
    }
}
