package dev.lookalike.parquet;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.store.FileRecord;
import dev.lookalike.store.FileStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/** Reads the {@link EmbeddingRow}s of one Parquet part file, checking its columns against the manifest's models. */
final class PartReader {

    /** Receives rows one at a time. */
    @FunctionalInterface
    interface RowSink {
        void accept(EmbeddingRow row) throws IOException;
    }

    private static final String NOT_PARQUET = "is not a Parquet file";

    private PartReader() {}

    /**
     * Reads every row of {@code file}.
     *
     * @throws IOException naming the file when it is not Parquet, lacks a column or holds a bad value
     */
    static void read(Path file, List<ModelIdentity> models, RowSink sink) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(Codecs.INSTANCE)
                .build();
        try (ParquetFileReader reader = open(file, options)) {
            MessageType schema =
                    parquet(file, () -> reader.getFooter().getFileMetaData().getSchema());
            requireColumns(file, schema, models);
            MessageColumnIO io = parquet(file, () -> new ColumnIOFactory().getColumnIO(schema));
            PageReadStore pages;
            long row = 0;
            while ((pages = parquet(file, reader::readNextRowGroup)) != null) {
                PageReadStore group = pages;
                RecordReader<Group> records =
                        parquet(file, () -> io.getRecordReader(group, new GroupRecordConverter(schema)));
                for (long i = 0; i < pages.getRowCount(); i++, row++) {
                    long at = row;
                    // The sink's own failures (an index refusing a value) pass through as they are.
                    sink.accept(parquet(file, () -> toRow(file, at, records.read(), models)));
                }
            }
        }
    }

    /** A Parquet read whose unchecked failures mean a damaged file. */
    @FunctionalInterface
    private interface ParquetCall<T> {
        T get() throws IOException;
    }

    private static <T> T parquet(Path file, ParquetCall<T> call) throws IOException {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a readable Parquet part file (" + e.getMessage() + ")", e);
        }
    }

    private static ParquetFileReader open(Path file, ParquetReadOptions options) throws IOException {
        try {
            return ParquetFileReader.open(new LocalInputFile(file), options);
        } catch (RuntimeException | IOException e) {
            // Parquet's message names the InputFile object, not the file: keep only its reason.
            String text = String.valueOf(e.getMessage());
            int at = text.indexOf(NOT_PARQUET);
            throw new IOException(
                    file + ": not a Parquet file ("
                            + (at >= 0
                                    ? text.substring(at + NOT_PARQUET.length())
                                            .trim()
                                            .replaceAll("^\\((.*)\\)$", "$1")
                                    : text)
                            + ")",
                    e);
        }
    }

    private static void requireColumns(Path file, MessageType schema, List<ModelIdentity> models) throws IOException {
        for (String column : List.of(EmbeddingColumns.PATH, EmbeddingColumns.STATUS)) {
            if (!schema.containsField(column)) {
                throw new IOException(file + ": no column '" + column + "' (has "
                        + schema.getFields().stream().map(Type::getName).toList() + ")");
            }
        }
        for (ModelIdentity model : models) {
            if (!schema.containsField(model.name())) {
                throw new IOException(file + ": no column for model '" + model.name() + "'");
            }
        }
    }

    private static EmbeddingRow toRow(Path file, long row, Group g, List<ModelIdentity> models) throws IOException {
        String path = g.getString(EmbeddingColumns.PATH, 0);
        String where = file + ": row " + row + " (" + path + ")";
        boolean ok = switch (g.getString(EmbeddingColumns.STATUS, 0)) {
            case EmbeddingColumns.OK -> true;
            case EmbeddingColumns.FAILED -> false;
            default ->
                throw new IOException(where + ": status must be '" + EmbeddingColumns.OK + "' or '"
                        + EmbeddingColumns.FAILED + "', got '" + g.getString(EmbeddingColumns.STATUS, 0) + "'");
        };
        Map<String, float[]> vectors = new LinkedHashMap<>();
        if (ok) {
            for (ModelIdentity model : models) {
                if (g.getFieldRepetitionCount(model.name()) > 0) {
                    vectors.put(model.name(), vector(g, model, where));
                }
            }
            if (vectors.isEmpty()) {
                throw new IOException(where + ": status ok but no vector of any model");
            }
        }
        try {
            FileRecord record = new FileRecord(
                    path,
                    longOr0(g, EmbeddingColumns.SIZE),
                    longOr0(g, EmbeddingColumns.MTIME_MILLIS),
                    stringOrNull(g, EmbeddingColumns.SHA256),
                    intOr0(g, EmbeddingColumns.WIDTH),
                    intOr0(g, EmbeddingColumns.HEIGHT),
                    ok ? FileStatus.OK : FileStatus.SKIPPED,
                    ok ? null : errorText(stringOrNull(g, EmbeddingColumns.ERROR)));
            return new EmbeddingRow(record, vectors);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": row " + row + ": " + e.getMessage());
        }
    }

    /** A model's list column, in the three-level form Spark writes or the older two-level one. */
    private static float[] vector(Group g, ModelIdentity model, String where) throws IOException {
        Group list = g.getGroup(model.name(), 0);
        int count = list.getFieldRepetitionCount(0);
        if (count != model.dimension()) {
            throw new IOException(where + ": " + model.name() + " vector has " + count + " values, the model makes "
                    + model.dimension());
        }
        boolean nested = !list.getType().getType(0).isPrimitive();
        float[] vector = new float[count];
        for (int i = 0; i < count; i++) {
            Group element = nested ? list.getGroup(0, i) : null;
            if (element != null && element.getFieldRepetitionCount(0) == 0) {
                throw new IOException(where + ": " + model.name() + " vector has a null at " + i);
            }
            vector[i] = nested ? element.getFloat(0, 0) : list.getFloat(0, i);
        }
        return vector;
    }

    private static String errorText(String error) {
        return error == null || error.isBlank() ? "unreadable (no error recorded)" : error;
    }

    private static boolean has(Group g, String field) {
        GroupType type = g.getType();
        return type.containsField(field) && g.getFieldRepetitionCount(field) > 0;
    }

    private static long longOr0(Group g, String field) {
        return has(g, field) ? g.getLong(field, 0) : 0;
    }

    private static int intOr0(Group g, String field) {
        return has(g, field) ? g.getInteger(field, 0) : 0;
    }

    private static String stringOrNull(Group g, String field) {
        return has(g, field) ? g.getString(field, 0) : null;
    }
}
