package dev.lookalike.dataset;

import dev.lookalike.benchmark.CsvFile;
import dev.lookalike.benchmark.DatasetException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVPrinter;

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
    public record Row(
            String path, String group, DuplicateVariant variant, String parameters, String source, String scene) {}

    private GroupsCsv() {}

    /** A group's id: {@code G00042}. */
    static String groupId(int index) {
        return String.format(Locale.ROOT, "G%05d", index);
    }

    /** A scene's id: {@code S0007}. */
    static String sceneId(int index) {
        return String.format(Locale.ROOT, "S%04d", index);
    }

    static void write(Path file, List<Row> rows) throws IOException {
        try (CSVPrinter out = CsvFile.printer(file)) {
            out.printRecord((Object[]) HEADER);
            for (Row row : rows) {
                out.printRecord(
                        row.path(), row.group(), row.variant().id(), row.parameters(), row.source(), row.scene());
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
        for (CsvFile.Row row : CsvFile.read(file, List.of(HEADER))) {
            if (row.field(0).isEmpty() || row.field(1).isEmpty()) {
                throw new DatasetException(
                        file, row.line(), "expected " + HEADER.length + " fields with a path and a group");
            }
            try {
                rows.add(new Row(
                        row.field(0),
                        row.field(1),
                        DuplicateVariant.of(row.field(2)),
                        row.field(3),
                        row.field(4),
                        row.field(5)));
            } catch (IllegalArgumentException e) {
                throw new DatasetException(file, row.line(), e.getMessage());
            }
        }
        return rows;
    }
}
