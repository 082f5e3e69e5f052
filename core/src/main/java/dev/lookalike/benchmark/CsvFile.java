package dev.lookalike.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The one CSV dialect of lookalike's data sets (DISC21's {@code ground_truth.csv}, {@code edits.csv},
 * a duplicate set's {@code groups.csv}): RFC 4180 through Commons CSV. Written with {@code \n} line
 * ends, fields quoted only when needed (Commons CSV's "needed" also covers a field that starts with a
 * character up to {@code #} or ends in whitespace, and an empty first field; ids, edit names and
 * parameters never do). Read leniently, as files made elsewhere may be: a byte-order mark, spaces
 * around fields and blank lines are ignored; rows know their line, and the header and the number of
 * fields on every row are checked.
 */
public final class CsvFile {

    private static final CSVFormat WRITE =
            CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    /** Surrounding spaces are dropped; blank lines are kept as records so that line numbers can be counted. */
    private static final CSVFormat READ = CSVFormat.RFC4180
            .builder()
            .setIgnoreSurroundingSpaces(true)
            .setTrim(true)
            .setIgnoreEmptyLines(false)
            .get();

    /**
     * One data row.
     *
     * @param line   the 1-based line it starts on (a quoted field may span lines)
     * @param fields its fields, as many as the header's
     */
    public record Row(int line, List<String> fields) {
        /** The field at {@code i}, 0-based. */
        public String field(int i) {
            return fields.get(i);
        }
    }

    /** A printer writing {@code file} in UTF-8, in this dialect. */
    public static CSVPrinter printer(Path file) throws IOException {
        return WRITE.print(file, StandardCharsets.UTF_8);
    }

    private CsvFile() {}

    /**
     * The data rows of {@code file}, whose first row must be {@code header} (columns after those
     * named are not allowed). Blank lines are skipped.
     *
     * @throws DatasetException naming the file and line for a bad header, a wrong number of fields
     *                          or malformed quoting
     */
    public static List<Row> read(Path file, List<String> header) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "CSV file not found");
        }
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(withoutBom(Files.readString(file, StandardCharsets.UTF_8)), READ)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!hasNext(file, 1, records)) {
                throw new DatasetException(file, "empty; expected the header " + String.join(",", header));
            }
            requireHeader(file, header, records.next().toList());
            for (int line = nextLine(parser); hasNext(file, line, records); line = nextLine(parser)) {
                List<String> fields = records.next().toList();
                if (isBlank(fields)) {
                    continue;
                }
                if (fields.size() != header.size()) {
                    throw new DatasetException(
                            file,
                            line,
                            "expected " + header.size() + " fields (" + String.join(",", header) + "), found "
                                    + fields.size());
                }
                rows.add(new Row(line, fields));
            }
        }
        return rows;
    }

    /**
     * As {@link #read}, for files of one row per query: the first field is a query id, never empty
     * and never listed twice.
     */
    static List<Row> readByQuery(Path file, List<String> header) throws IOException {
        List<Row> rows = read(file, header);
        Map<String, Integer> lineOf = new HashMap<>();
        for (Row row : rows) {
            String query = row.field(0);
            if (query.isEmpty()) {
                throw new DatasetException(file, row.line(), "empty " + header.getFirst());
            }
            Integer earlier = lineOf.putIfAbsent(query, row.line());
            if (earlier != null) {
                throw new DatasetException(
                        file, row.line(), "query " + query + " is already listed on line " + earlier);
            }
        }
        return rows;
    }

    private static void requireHeader(Path file, List<String> header, List<String> found) throws DatasetException {
        if (!found.equals(header)) {
            throw new DatasetException(
                    file, 1, "expected the header " + String.join(",", header) + ", found " + String.join(",", found));
        }
    }

    /** The line the next record starts on: the parser has read whole lines so far. */
    private static int nextLine(CSVParser parser) {
        return Math.toIntExact(parser.getCurrentLineNumber() + 1);
    }

    /** Whether another record follows; the line is where it starts, for a malformed one. */
    private static boolean hasNext(Path file, int line, Iterator<CSVRecord> records) throws IOException {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CSVException malformed) {
                throw new DatasetException(file, line, problem(malformed));
            }
            throw e.getCause();
        }
    }

    /** Our words for Commons CSV's two complaints about quotes, its own for anything else. */
    private static String problem(CSVException malformed) {
        String message = malformed.getMessage();
        if (message.contains("EOF reached before encapsulated token finished")) {
            return "a quoted field is not closed";
        }
        if (message.contains("Invalid character between encapsulated token and delimiter")) {
            return "text after a closing quote";
        }
        return message;
    }

    private static boolean isBlank(List<String> fields) {
        return fields.size() == 1 && fields.get(0).isEmpty();
    }

    private static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
