package dev.lookalike.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The set's CSV dialect: RFC 4180 through Commons CSV, {@code \n} line ends, fields quoted only when
 * needed. Commons CSV's "needed" also covers a field that starts with a character up to {@code #}
 * or ends in whitespace, and an empty first field; ids, edit names and parameters never do.
 */
final class Csv {

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private Csv() {
    }

    /** A printer writing {@code file} in UTF-8. */
    static CSVPrinter printer(Path file) throws IOException {
        return FORMAT.print(file, StandardCharsets.UTF_8);
    }
}
