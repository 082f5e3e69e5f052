package dev.lookalike.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void fieldsAreQuotedOnlyWhenTheyMustBe() throws IOException {
        StringWriter out = new StringWriter();
        Csv.FORMAT.printRecord(out, "Q00001", "", "a,b", "say \"hi\"", "two\nlines");
        assertEquals("Q00001,,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\n", out.toString());
    }

    @Test
    void fieldsALaterReaderCouldMisreadAreQuotedToo() throws IOException {
        StringWriter out = new StringWriter();
        Csv.FORMAT.printRecord(out, "", " a", "b ", "#c", "d#");
        assertEquals("\"\",\" a\",\"b \",\"#c\",d#\n", out.toString());
    }
}
