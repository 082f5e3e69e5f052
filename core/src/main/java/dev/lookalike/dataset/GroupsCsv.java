package dev.lookalike.dataset;

import dev.lookalike.benchmark.DatasetException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A duplicate set's ground truth, {@code groups.csv}: a header
 * {@code path,group,variant,parameters,source,scene}, then one row per image of the set.
 * <ul>
 * <li>{@code path}: the image's path relative to the set's {@code images} folder, with {@code /}
 * (what an index of that folder stores);</li>
 * <li>{@code group}: {@code G00000...}; images of one group are copies of one photo, so every pair
 * of them is a duplicate pair and every pair across groups is not;</li>
 * <li>{@code variant}: a {@link DuplicateVariant} id ({@code original}, {@code exact},
 * {@code resized}, ..., {@code single} for a photo without copies);</li>
 * <li>{@code parameters}: the variant's settings, {@code name=value} separated by spaces;</li>
 * <li>{@code source}: the photo it was made from, relative to the source folder;</li>
 * <li>{@code scene}: {@code S0000...} shared by different photos of one scene (hard negatives:
 * not duplicates), empty otherwise.</li>
 * </ul>
 */
public final class GroupsCsv {

    /** The file's name in a set. */
    public static final String NAME = "groups.csv";

    private static final String[] HEADER = {"path", "group", "variant", "parameters", "source", "scene"};

    /** One image of the set. */
    public record Row(String path, String group, DuplicateVariant variant, String parameters, String source,
                      String scene) {
    }

    private GroupsCsv() {
    }

    /** A group's id: {@code G00042}. */
    static String groupId(int index) {
        return String.format(Locale.ROOT, "G%05d", index);
    }

    /** A scene's id: {@code S0007}. */
    static String sceneId(int index) {
        return String.format(Locale.ROOT, "S%04d", index);
    }

    static void write(Path file, List<Row> rows) throws IOException {
        try (CSVPrinter out = Csv.printer(file)) {
            out.printRecord((Object[]) HEADER);
            for (Row row : rows) {
                out.printRecord(row.path(), row.group(), row.variant().id(), row.parameters(), row.source(), row.scene());
            }
        }
    }

    /**
     * Reads a {@code groups.csv}.
     *
     * @throws DatasetException naming the file and the line when the header or a row is not as described
     */
    public static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = Csv.FORMAT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            if (!parser.getHeaderNames().equals(List.of(HEADER))) {
                throw new DatasetException(file, "expected the header " + String.join(",", HEADER)
                        + ", found " + String.join(",", parser.getHeaderNames()));
            }
            for (CSVRecord record : parser) {
                rows.add(row(file, record));
            }
        }
        return rows;
    }

    private static Row row(Path file, CSVRecord record) throws DatasetException {
        int line = (int) record.getRecordNumber() + 1;
        if (record.size() != HEADER.length || record.get(0).isEmpty() || record.get(1).isEmpty()) {
            throw new DatasetException(file, line, "expected " + HEADER.length + " fields with a path and a group");
        }
        try {
            return new Row(record.get(0), record.get(1), DuplicateVariant.of(record.get(2)), record.get(3),
                    record.get(4), record.get(5));
        } catch (IllegalArgumentException e) {
            throw new DatasetException(file, line, e.getMessage());
        }
    }
}
