package dev.lookalike.dedup.move;

import dev.lookalike.benchmark.DatasetException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code DIR/lookalike-moves.csv}: one line per move, appended and flushed to disk before the file
 * is touched, so the journal always names every file that may have left its place. The header is
 * {@code source,target,size,sha256}: the file's absolute path before the move, its path under
 * {@code DIR} (with {@code /}), its size and SHA-256. Later runs into the same folder append. A
 * line cut short by a kill is ignored: its move had not begun.
 */
public final class MoveJournal implements AutoCloseable {

    /** The journal's name inside the target folder. */
    public static final String NAME = "lookalike-moves.csv";

    private static final String[] HEADER = {"source", "target", "size", "sha256"};
    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    /** One move: where the file was, where it went (relative to the folder), and what it holds. */
    public record Entry(Path source, String target, long size, String sha256) {}

    private final FileChannel channel;

    private MoveJournal(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens the journal of {@code dir} for appending, creating it (and flushing {@code dir}) when new. */
    static MoveJournal open(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        boolean created = Files.notExists(file);
        if (!created) {
            dropTornLine(file);
        }
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        MoveJournal journal = new MoveJournal(channel);
        if (created || channel.size() == 0) {
            journal.write(HEADER);
            FileTransfer.syncDirectory(dir);
        }
        return journal;
    }

    /** Cuts a line a kill left without its line end, so the next entry starts on a line of its own. */
    private static void dropTornLine(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(end);
                channel.force(true);
            }
        }
    }

    /** Appends {@code entry} and flushes it to disk. */
    void append(Entry entry) throws IOException {
        write(entry.source().toString(), entry.target(), Long.toString(entry.size()), entry.sha256());
    }

    private void write(String... fields) throws IOException {
        StringWriter line = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(line, FORMAT)) {
            printer.printRecord((Object[]) fields);
        }
        ByteBuffer bytes = ByteBuffer.wrap(line.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(true);
    }

    /** The entries of the journal in {@code dir}, in order; a last line without its line end is left out. */
    public static List<Entry> read(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String whole = text.substring(0, text.lastIndexOf('\n') + 1);
        List<Entry> entries = new ArrayList<>();
        if (whole.isEmpty()) {
            return entries; // killed while writing the header: no move had begun
        }
        try (CSVParser parser =
                FORMAT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(whole))) {
            if (!parser.getHeaderNames().equals(List.of(HEADER))) {
                throw new DatasetException(
                        file, "not a lookalike move journal: expected the header " + String.join(",", HEADER));
            }
            for (CSVRecord record : parser) {
                entries.add(entry(file, record));
            }
        }
        return entries;
    }

    private static Entry entry(Path file, CSVRecord record) throws DatasetException {
        int line = (int) record.getRecordNumber() + 1;
        try {
            if (record.size() != HEADER.length) {
                throw new IllegalArgumentException("expected " + HEADER.length + " fields, found " + record.size());
            }
            return new Entry(Path.of(record.get(0)), record.get(1), Long.parseLong(record.get(2)), record.get(3));
        } catch (IllegalArgumentException e) {
            throw new DatasetException(file, line, e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
