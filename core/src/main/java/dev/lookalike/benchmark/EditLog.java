package dev.lookalike.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The edits each query went through, as {@code dataset copydetect} writes them to {@code edits.csv}:
 * header {@code query_id,edits,parameters}, {@code edits} a {@code +}-joined list of edit names
 * such as {@code crop+grayscale}. The parameters are kept for reading only.
 */
public final class EditLog {

    /** The CSV header. */
    public static final List<String> HEADER = List.of("query_id", "edits", "parameters");

    private final Map<String, List<String>> editsByQuery;

    private EditLog(Map<String, List<String>> editsByQuery) {
        this.editsByQuery = Collections.unmodifiableMap(editsByQuery);
    }

    /** An edit log from a map of query id to its edit names. */
    public static EditLog of(Map<String, List<String>> editsByQuery) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        editsByQuery.forEach((query, edits) -> copy.put(query, List.copyOf(edits)));
        return new EditLog(copy);
    }

    /**
     * Reads an {@code edits.csv}.
     *
     * @throws DatasetException naming the file and line for a bad header, a wrong number of
     *                          fields, an empty query id or edit name, or a query listed twice
     */
    public static EditLog read(Path csv) throws IOException {
        Map<String, List<String>> byQuery = new LinkedHashMap<>();
        for (CsvFile.Row row : CsvFile.readByQuery(csv, HEADER)) {
            String query = row.field(0);
            List<String> edits = row.field(1).isEmpty()
                    ? List.of()
                    : Arrays.stream(row.field(1).split("\\+", -1))
                            .map(String::strip)
                            .toList();
            if (edits.contains("")) {
                throw new DatasetException(csv, row.line(), "empty edit name in '" + row.field(1) + "'");
            }
            byQuery.put(query, edits);
        }
        return new EditLog(byQuery);
    }

    /** The edits of {@code query}, in the order applied; empty when it is not listed. */
    public List<String> edits(String query) {
        return editsByQuery.getOrDefault(query, List.of());
    }

    /** Every edit name used, sorted. */
    public Set<String> editTypes() {
        Set<String> types = new TreeSet<>();
        editsByQuery.values().forEach(types::addAll);
        return types;
    }
}
