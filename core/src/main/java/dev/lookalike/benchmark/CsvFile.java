package dev.lookalike.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small CSV reader for the benchmark's files (RFC 4180: comma-separated, fields optionally in
 * double quotes with {@code ""} for a quote, no line breaks inside fields), checking the header and
 * the number of fields on every line.
 */
final class CsvFile {

    /** One data line: its 1-based line number in the file and its fields. */
    record Row(int line, List<String> fields) {
        String field(int i) {
            return fields.get(i);
        }
    }

    private CsvFile() {
    }

    /**
     * The data rows of {@code file}, whose first line must be {@code header} (columns after those
     * named are not allowed). Blank lines are skipped.
     */
    static List<Row> read(Path file, List<String> header) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "CSV file not found");
        }
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) {
                throw new DatasetException(file, "empty; expected the header " + String.join(",", header));
            }
            List<String> found = split(file, 1, stripBom(first));
            if (!found.stream().map(String::strip).toList().equals(header)) {
                throw new DatasetException(file, 1, "expected the header " + String.join(",", header)
                        + ", found " + first);
            }
            int number = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = split(file, number, line);
                if (fields.size() != header.size()) {
                    throw new DatasetException(file, number, "expected " + header.size() + " fields ("
                            + String.join(",", header) + "), found " + fields.size());
                }
                rows.add(new Row(number, fields.stream().map(String::strip).toList()));
            }
        }
        return rows;
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    static List<String> split(Path file, int number, String line) throws DatasetException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"') {
                i = quoted(file, number, line, i + 1, field);
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new DatasetException(file, number, "text after a closing quote at column " + (i + 1));
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    if (line.charAt(i) == '"') {
                        throw new DatasetException(file, number, "a quote inside an unquoted field at column " + (i + 1));
                    }
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
        }
    }

    /** Reads a quoted field starting after its opening quote; returns the index after the closing quote. */
    private static int quoted(Path file, int number, String line, int start, StringBuilder field) throws DatasetException {
        int i = start;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c != '"') {
                field.append(c);
                i++;
            } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i += 2;
            } else {
                return i + 1;
            }
        }
        throw new DatasetException(file, number, "a quoted field is not closed");
    }
}
