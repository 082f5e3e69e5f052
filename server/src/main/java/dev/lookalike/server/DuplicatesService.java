package dev.lookalike.server;

import dev.lookalike.dedup.DedupRequest;
import dev.lookalike.dedup.DedupThresholds;
import dev.lookalike.dedup.DuplicateFinder;
import dev.lookalike.dedup.Duplicates;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.store.IndexStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The near-duplicates of a served local index, without HTTP. Groups are computed once per model and threshold
 * while the server runs (like its search vectors, a snapshot of the index as it was); "not duplicates" decisions
 * are read at every request, so one recorded from the page hides its group at once. Thread-safe.
 */
public final class DuplicatesService {

    /** Results kept; more thresholds tried than this start the cache afresh. */
    private static final int KEPT = 8;

    private final Path index;
    private final int threads;
    private final Map<DedupRequest, Duplicates> found = new ConcurrentHashMap<>();

    /**
     * @param index   the index directory the server searches
     * @param threads most threads one self-join uses
     */
    public DuplicatesService(Path index, int threads) {
        this.index = index;
        this.threads = threads;
    }

    /**
     * The groups for a model (null: the default model) at a threshold (null: the model's default), without those
     * marked "not duplicates".
     *
     * @throws IllegalArgumentException for a model the index lacks or a threshold outside (0, 1]
     */
    public Duplicates find(String model, Float threshold) throws IOException {
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            String name = model != null ? model : DuplicateFinder.defaultModel(store);
            float t = threshold != null ? threshold : DedupThresholds.defaultFor(name);
            DedupRequest request = new DedupRequest(name, t, threads);
            Duplicates all = found.get(request);
            if (all == null) {
                all = DuplicateFinder.findAll(store, request, ProgressReporter.silent());
                if (found.size() >= KEPT) {
                    found.clear();
                }
                found.put(request, all);
            }
            return all.hiding(store.notDuplicates());
        }
    }

    /**
     * Records that {@code paths} (stored paths, two or more) are not duplicates.
     *
     * @throws dev.lookalike.store.IndexLockedException while another process writes the index
     */
    public void recordNotDuplicates(List<String> paths) throws IOException {
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_WRITE)) {
            store.recordNotDuplicates(paths);
        }
    }
}
