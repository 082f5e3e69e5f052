package dev.lookalike.report;

import dev.lookalike.dedup.DuplicateGroup;
import dev.lookalike.dedup.Duplicates;
import dev.lookalike.dedup.GroupMember;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code dedup --csv}: one row per group member, {@code group,keep,path,cosine,width,height,size,modified,sha256}
 * ({@code group} numbered from 1 in the output's order, {@code keep} true for the keeper, {@code modified} in
 * ISO-8601 UTC), RFC 4180 with {@code \n} line ends.
 */
public final class DuplicatesCsv {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180
            .builder()
            .setRecordSeparator('\n')
            .setHeader("group", "keep", "path", "cosine", "width", "height", "size", "modified", "sha256")
            .get();

    private DuplicatesCsv() {}

    /** Writes the rows to {@code file}. */
    public static void write(Path file, Duplicates duplicates) throws IOException {
        try (CSVPrinter csv = FORMAT.print(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (DuplicateGroup group : duplicates.groups()) {
                number++;
                for (GroupMember m : group.members()) {
                    csv.printRecord(
                            number,
                            m == group.keep(),
                            m.path(),
                            m.cosine(),
                            m.width(),
                            m.height(),
                            m.size(),
                            Instant.ofEpochMilli(m.mtimeMillis()),
                            m.sha256());
                }
            }
        }
    }
}
