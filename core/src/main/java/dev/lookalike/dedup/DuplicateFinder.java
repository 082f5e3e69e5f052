package dev.lookalike.dedup;

import dev.lookalike.knn.FlatIndex;
import dev.lookalike.knn.SelfJoin;
import dev.lookalike.progress.Progress;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.progress.ProgressUnit;
import dev.lookalike.search.Fusion;
import dev.lookalike.search.ModelChoice;
import dev.lookalike.search.SingleModel;
import dev.lookalike.store.FileRecord;
import dev.lookalike.store.FileStatus;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredFile;
import dev.lookalike.store.StoredVectors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the near-duplicates of an index: the exact self-join of one model's vectors (or a mean fusion's
 * concatenation) at a threshold ({@link SelfJoin}), files with the same SHA-256 paired whatever their cosine, then
 * {@link Grouping}'s groups minus those a person marked "not duplicates".
 *
 * <pre>
 * try (IndexStore store = IndexStore.open(dir, IndexStore.Access.READ_ONLY)) {
 *     Duplicates found = DuplicateFinder.find(store, DedupRequest.of("clip", 0.95f), ProgressReporter.silent());
 * }
 * </pre>
 */
public final class DuplicateFinder {

    private DuplicateFinder() {}

    /**
     * The groups and pairs of {@code store} for the request, without those marked "not duplicates" in the store
     * ({@link Duplicates#hiding}).
     *
     * @throws IllegalArgumentException when the model is not in the index or names an RRF fusion
     * @throws IOException              when the index cannot be read
     */
    public static Duplicates find(IndexStore store, DedupRequest request, ProgressReporter progress)
            throws IOException {
        return findAll(store, request, progress).hiding(store.notDuplicates());
    }

    /**
     * Every group and pair of {@code store} for the request, those marked "not duplicates" included: what a
     * long-lived caller (the server) keeps, applying the current decisions with {@link Duplicates#hiding}.
     */
    public static Duplicates findAll(IndexStore store, DedupRequest request, ProgressReporter progress)
            throws IOException {
        List<FileRecord> files = new ArrayList<>();
        Map<String, Integer> fileOf = new HashMap<>();
        for (StoredFile stored : store.files().values()) {
            if (stored.record().status() == FileStatus.OK) {
                fileOf.put(stored.record().path(), files.size());
                files.add(stored.record());
            }
        }
        StoredVectors vectors = vectors(store, request.model());
        SelfJoin.Pairs pairs = join(vectors, request, progress);
        int[] a = new int[pairs.count()];
        int[] b = new int[pairs.count()];
        for (int i = 0; i < pairs.count(); i++) {
            a[i] = fileOf.get(vectors.paths().get(pairs.a()[i]));
            b[i] = fileOf.get(vectors.paths().get(pairs.b()[i]));
        }
        return new Duplicates(
                request.model(),
                request.threshold(),
                Grouping.groups(files, a, b, pairs.cosines()),
                pairList(files, a, b, pairs.cosines()),
                0);
    }

    /** The model {@code dedup} uses when none is named: {@code clip} when the index has it, else its first by name. */
    public static String defaultModel(IndexStore store) throws IOException {
        Set<String> models = store.models().keySet();
        if (models.isEmpty()) {
            throw new IllegalArgumentException(store.dir() + ": the index has no models yet");
        }
        return models.contains("clip") ? "clip" : models.iterator().next();
    }

    private static StoredVectors vectors(IndexStore store, String model) throws IOException {
        Set<String> known = store.models().keySet();
        switch (ModelChoice.parse(model)) {
            case SingleModel single -> {
                requireKnown(store, known, single.name());
                return store.vectors(single.name());
            }
            case Fusion fusion -> {
                if (fusion.method() != Fusion.Method.MEAN) {
                    throw new IllegalArgumentException("dedup fuses models by their mean cosine only, not " + model
                            + " (use " + String.join("+", fusion.components()) + ")");
                }
                List<StoredVectors> parts = new ArrayList<>();
                for (String component : fusion.components()) {
                    requireKnown(store, known, component);
                    parts.add(store.vectors(component));
                }
                return fusion.join(parts);
            }
        }
    }

    private static void requireKnown(IndexStore store, Set<String> known, String model) {
        if (!known.contains(model)) {
            throw new IllegalArgumentException(
                    store.dir() + ": the index has no model '" + model + "' (it has " + String.join(", ", known) + ")");
        }
    }

    private static SelfJoin.Pairs join(StoredVectors vectors, DedupRequest request, ProgressReporter progress) {
        FlatIndex index = new FlatIndex(Math.max(1, vectors.dimension()), request.threads());
        index.add(vectors.data(), vectors.count());
        try (Progress bar = progress.start("dedup " + request.model(), vectors.count(), ProgressUnit.ITEMS)) {
            return SelfJoin.pairs(index, request.threshold(), request.threads(), bar);
        }
    }

    /**
     * The join's pairs (already in path order: vectors and files are both in the index's path order) merged with
     * the same-content pairs the join missed.
     */
    private static List<DuplicatePair> pairList(List<FileRecord> files, int[] a, int[] b, float[] cosines) {
        long[] keys = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            keys[i] = key(a[i], b[i]);
        }
        List<Long> extra = new ArrayList<>();
        Map<String, List<Integer>> bySha = new HashMap<>();
        for (int f = 0; f < files.size(); f++) {
            bySha.computeIfAbsent(files.get(f).sha256(), sha -> new ArrayList<>())
                    .add(f);
        }
        for (List<Integer> same : bySha.values()) {
            for (int i = 0; i < same.size(); i++) {
                for (int j = i + 1; j < same.size(); j++) {
                    long key = key(same.get(i), same.get(j));
                    if (java.util.Arrays.binarySearch(keys, key) < 0) {
                        extra.add(key);
                    }
                }
            }
        }
        extra.sort(null);
        List<DuplicatePair> pairs = new ArrayList<>(keys.length + extra.size());
        int i = 0;
        int e = 0;
        while (i < keys.length || e < extra.size()) {
            boolean fromJoin = e == extra.size() || (i < keys.length && keys[i] < extra.get(e));
            long key = fromJoin ? keys[i] : extra.get(e);
            float cosine = fromJoin ? cosines[i++] : 1f;
            e += fromJoin ? 0 : 1;
            pairs.add(new DuplicatePair(
                    files.get((int) (key >>> 32)).path(), files.get((int) key).path(), cosine));
        }
        return pairs;
    }

    /** Files are in path order, so ordering by (first, second) index is path order. */
    private static long key(int x, int y) {
        return (long) Math.min(x, y) << 32 | Math.max(x, y);
    }
}
