package dev.lookalike.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which reference each query copies, as DISC21's ground-truth CSV states it: header
 * {@code query_id,reference_id}, one line per query, an empty {@code reference_id} for a query
 * with no copy among the references (a distractor). Queries keep the file's order.
 */
public final class GroundTruth {

    /** The CSV header. */
    public static final List<String> HEADER = List.of("query_id", "reference_id");

    private final Map<String, Optional<String>> referenceByQuery;

    private GroundTruth(Map<String, Optional<String>> referenceByQuery) {
        this.referenceByQuery = Collections.unmodifiableMap(referenceByQuery);
    }

    /**
     * A ground truth from a map of query id to its reference id (empty for a distractor), in the
     * map's iteration order.
     */
    public static GroundTruth of(Map<String, Optional<String>> referenceByQuery) {
        Map<String, Optional<String>> copy = new LinkedHashMap<>();
        referenceByQuery.forEach((query, reference) -> {
            requireId(query, "query id");
            reference.ifPresent(r -> requireId(r, "reference id"));
            copy.put(query, reference);
        });
        return new GroundTruth(copy);
    }

    /**
     * Reads a ground-truth CSV.
     *
     * @throws DatasetException naming the file and line for a bad header, a wrong number of fields,
     *                          an empty query id or a query listed twice
     */
    public static GroundTruth read(Path csv) throws IOException {
        Map<String, Optional<String>> byQuery = new LinkedHashMap<>();
        for (CsvFile.Row row : CsvFile.readByQuery(csv, HEADER)) {
            String query = row.field(0);
            String reference = row.field(1);
            byQuery.put(query, reference.isEmpty() ? Optional.empty() : Optional.of(reference));
        }
        return new GroundTruth(byQuery);
    }

    /** Every query id, in the file's order. */
    public List<String> queries() {
        return List.copyOf(referenceByQuery.keySet());
    }

    /** The reference {@code query} copies; empty for a distractor or an unlisted query. */
    public Optional<String> reference(String query) {
        return referenceByQuery.getOrDefault(query, Optional.empty());
    }

    /** The queries that copy a reference, in order. */
    public List<String> queriesWithMatch() {
        List<String> matched = new ArrayList<>();
        referenceByQuery.forEach((query, reference) -> {
            if (reference.isPresent()) {
                matched.add(query);
            }
        });
        return matched;
    }

    /** The number of (query, reference) pairs: ISC2021's number of positives. */
    public int pairCount() {
        return (int)
                referenceByQuery.values().stream().filter(Optional::isPresent).count();
    }

    /** Whether {@code reference} is the reference {@code query} copies. */
    public boolean isMatch(String query, String reference) {
        return reference(query).map(reference::equals).orElse(false);
    }

    /** The first {@code n} queries, in order. */
    public GroundTruth limit(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("query limit must not be negative: " + n);
        }
        Map<String, Optional<String>> first = new LinkedHashMap<>();
        for (Map.Entry<String, Optional<String>> entry : referenceByQuery.entrySet()) {
            if (first.size() == n) {
                break;
            }
            first.put(entry.getKey(), entry.getValue());
        }
        return new GroundTruth(first);
    }

    /** The number of queries. */
    public int size() {
        return referenceByQuery.size();
    }

    private static void requireId(String id, String what) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }
}
