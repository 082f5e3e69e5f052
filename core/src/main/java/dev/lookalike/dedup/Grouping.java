package dev.lookalike.dedup;

import dev.lookalike.store.FileRecord;
import dev.lookalike.store.PathOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns pairs into groups, with the guard against chaining.
 *
 * <p>The rule: files with the same SHA-256 are one node; two nodes are joined when a pair of their files reaches
 * the threshold. In each connected component of that graph, the best file by {@link KeeperRule} is the keeper, and
 * its group is the keeper's node plus every node <i>paired with the keeper's node</i> (cosine with the keeper at
 * or above the threshold). The component's other nodes go through the same rule again (the best file left is the
 * next keeper), until none is left; a node left alone with one file is in no group. So a chain a-b-c with a and c
 * far apart never puts a and c in one group through b unless b, the keeper, is within the threshold of both, and
 * no member of a group is ever further than the threshold from its keeper.
 */
final class Grouping {

    private final List<FileRecord> files;
    private final int[] nodeOf;
    private final List<int[]> nodeFiles;
    private final List<Map<Integer, Float>> links;

    /**
     * @param files every file that may be in a group; pairs name them by position
     * @param a     first files of the pairs
     * @param b     second files of the pairs
     * @param cosines the pairs' cosines, all at or above the threshold
     */
    private Grouping(List<FileRecord> files, int[] a, int[] b, float[] cosines) {
        this.files = files;
        this.nodeOf = new int[files.size()];
        this.nodeFiles = new ArrayList<>();
        Map<String, Integer> nodeOfSha = new HashMap<>();
        List<List<Integer>> members = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            int node = nodeOfSha.computeIfAbsent(files.get(f).sha256(), sha -> {
                members.add(new ArrayList<>());
                return members.size() - 1;
            });
            nodeOf[f] = node;
            members.get(node).add(f);
        }
        members.forEach(
                list -> nodeFiles.add(list.stream().mapToInt(Integer::intValue).toArray()));
        links = new ArrayList<>(nodeFiles.size());
        for (int n = 0; n < nodeFiles.size(); n++) {
            links.add(null);
        }
        for (int i = 0; i < a.length; i++) {
            link(nodeOf[a[i]], nodeOf[b[i]], cosines[i]);
        }
    }

    /** The groups of {@code files} for the pairs, in their keepers' path order; see the class comment. */
    static List<DuplicateGroup> groups(List<FileRecord> files, int[] a, int[] b, float[] cosines) {
        return new Grouping(files, a, b, cosines).groups();
    }

    private void link(int u, int v, float cosine) {
        if (u == v) {
            return;
        }
        linksOf(u).merge(v, cosine, Math::max);
        linksOf(v).merge(u, cosine, Math::max);
    }

    private Map<Integer, Float> linksOf(int node) {
        Map<Integer, Float> map = links.get(node);
        if (map == null) {
            map = new LinkedHashMap<>();
            links.set(node, map);
        }
        return map;
    }

    private List<DuplicateGroup> groups() {
        List<DuplicateGroup> groups = new ArrayList<>();
        boolean[] seen = new boolean[nodeFiles.size()];
        boolean[] taken = new boolean[nodeFiles.size()];
        for (int start = 0; start < nodeFiles.size(); start++) {
            if (!seen[start] && (links.get(start) != null || nodeFiles.get(start).length > 1)) {
                split(component(start, seen), taken, groups);
            }
        }
        groups.sort(Comparator.comparing(group -> group.keep().path(), PathOrder.UTF8));
        return groups;
    }

    /** The nodes connected to {@code start}, marking them seen. */
    private List<Integer> component(int start, boolean[] seen) {
        List<Integer> component = new ArrayList<>();
        ArrayList<Integer> stack = new ArrayList<>(List.of(start));
        seen[start] = true;
        while (!stack.isEmpty()) {
            int node = stack.removeLast();
            component.add(node);
            Map<Integer, Float> next = links.get(node);
            if (next != null) {
                for (int other : next.keySet()) {
                    if (!seen[other]) {
                        seen[other] = true;
                        stack.add(other);
                    }
                }
            }
        }
        return component;
    }

    /**
     * Applies the keeper rule to a component until no node is left: in keeper order, each file whose node is not
     * taken yet is the next keeper, and takes its node and the untaken nodes paired with it.
     */
    private void split(List<Integer> component, boolean[] taken, List<DuplicateGroup> groups) {
        Integer[] order = component.stream()
                .flatMap(n -> Arrays.stream(nodeFiles.get(n)).boxed())
                .toArray(Integer[]::new);
        Arrays.sort(order, (x, y) -> KeeperRule.ORDER.compare(files.get(x), files.get(y)));
        for (int keeper : order) {
            int keeperNode = nodeOf[keeper];
            if (taken[keeperNode]) {
                continue;
            }
            taken[keeperNode] = true;
            List<Integer> nodes = new ArrayList<>(List.of(keeperNode));
            List<Float> cosines = new ArrayList<>(List.of(1f));
            Map<Integer, Float> near = links.get(keeperNode) == null ? Map.of() : links.get(keeperNode);
            near.forEach((node, cosine) -> {
                if (!taken[node]) {
                    taken[node] = true;
                    nodes.add(node);
                    cosines.add(cosine);
                }
            });
            if (nodes.size() > 1 || nodeFiles.get(keeperNode).length > 1) {
                groups.add(group(keeper, nodes, cosines));
            }
        }
    }

    /** The best of the given files by the keeper rule. */
    private int best(int[] candidates) {
        int best = candidates[0];
        for (int f : candidates) {
            if (KeeperRule.ORDER.compare(files.get(f), files.get(best)) < 0) {
                best = f;
            }
        }
        return best;
    }

    private DuplicateGroup group(int keeper, List<Integer> nodes, List<Float> cosines) {
        List<GroupMember> members = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (int f : nodeFiles.get(nodes.get(i))) {
                members.add(GroupMember.of(files.get(f), cosines.get(i)));
                if (f != keeper) {
                    others.add(f);
                }
            }
        }
        String keeperPath = files.get(keeper).path();
        members.sort(Comparator.comparing((GroupMember m) -> !m.path().equals(keeperPath))
                .thenComparing(m -> -m.cosine())
                .thenComparing(GroupMember::path, PathOrder.UTF8));
        int runnerUp = best(others.stream().mapToInt(Integer::intValue).toArray());
        return new DuplicateGroup(members, KeeperRule.reason(files.get(keeper), files.get(runnerUp)));
    }
}
