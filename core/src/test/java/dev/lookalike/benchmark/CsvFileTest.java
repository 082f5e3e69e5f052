package dev.lookalike.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows know the physical line they start on, whatever spans or separates them. */
class CsvFileTest {

    private static final List<String> HEADER = List.of("id", "note");

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("file.csv"), text);
    }

    private List<CsvFile.Row> read(String text) throws IOException {
        return CsvFile.read(write(text), HEADER);
    }

    private String problem(String text) throws IOException {
        Path file = write(text);
        String message = assertThrows(DatasetException.class, () -> CsvFile.read(file, HEADER))
                .getMessage();
        return message.substring(file.toString().length());
    }

    @Test
    void aRowAfterAQuotedLineBreakStartsOnItsPhysicalLine() throws IOException {
        assertEquals(
                List.of(new CsvFile.Row(2, List.of("a", "one\ntwo")), new CsvFile.Row(4, List.of("b", "x"))),
                read("id,note\na,\"one\ntwo\"\nb,x\n"));
        assertEquals(
                List.of(new CsvFile.Row(2, List.of("a", "one\r\ntwo")), new CsvFile.Row(4, List.of("b", "x"))),
                read("id,note\r\na,\"one\r\ntwo\"\r\nb,x\r\n"));
    }

    @Test
    void blankLinesAreSkippedButCounted() throws IOException {
        assertEquals(
                List.of(new CsvFile.Row(3, List.of("a", "")), new CsvFile.Row(5, List.of("b", "y"))),
                read("id,note\n\na,\n  \nb,y"));
    }

    @Test
    void aByteOrderMarkAndSurroundingSpacesAreDropped() throws IOException {
        assertEquals(List.of(new CsvFile.Row(2, List.of("a", "b c"))), read("\uFEFFid, note\n a , \"b c\" \n"));
    }

    @Test
    void problemsNameTheLineTheRowStartsOn() throws IOException {
        assertEquals(":4: expected 2 fields (id,note), found 3", problem("id,note\na,\"one\ntwo\"\nb,x,y\n"));
        assertEquals(":3: a quoted field is not closed", problem("id,note\na,x\nb,\"open\nc,y\n"));
        assertEquals(":2: text after a closing quote", problem("id,note\na,\"x\"y\n"));
        assertEquals(":1: expected the header id,note, found id", problem("id\na\n"));
        assertEquals(": empty; expected the header id,note", problem(""));
    }

    @Test
    void aMissingFileIsNotFound() {
        assertThrows(NoSuchFileException.class, () -> CsvFile.read(dir.resolve("missing.csv"), HEADER));
    }

    @Test
    void fieldsAreWrittenQuotedOnlyWhenTheyMustBe() throws IOException {
        assertEquals(
                "Q00001,,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\n",
                printed("Q00001", "", "a,b", "say \"hi\"", "two\nlines"));
    }

    @Test
    void fieldsALaterReaderCouldMisreadAreWrittenQuotedToo() throws IOException {
        assertEquals("\"\",\" a\",\"b \",\"#c\",d#\n", printed("", " a", "b ", "#c", "d#"));
    }

    @Test
    void whatIsWrittenReadsBack() throws IOException {
        Path file = dir.resolve("written.csv");
        try (org.apache.commons.csv.CSVPrinter out = CsvFile.printer(file)) {
            out.printRecord(HEADER);
            out.printRecord("a", "one, \"two\"\nthree");
        }
        assertEquals(List.of(new CsvFile.Row(2, List.of("a", "one, \"two\"\nthree"))), CsvFile.read(file, HEADER));
    }

    private String printed(Object... fields) throws IOException {
        Path file = dir.resolve("printed.csv");
        try (org.apache.commons.csv.CSVPrinter out = CsvFile.printer(file)) {
            out.printRecord(fields);
        }
        return Files.readString(file);
    }
}
