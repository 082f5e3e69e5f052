package dev.lookalike.parquet;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.store.FileRecord;
import dev.lookalike.store.FileStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

/** Writes {@link EmbeddingRow}s into one Parquet part file, snappy-compressed as Spark writes them. Not thread-safe. */
final class PartWriter implements AutoCloseable {

    private final List<ModelIdentity> models;
    private final SimpleGroupFactory groups;
    private final ParquetWriter<Group> writer;

    PartWriter(Path file, List<ModelIdentity> models) throws IOException {
        this.models = List.copyOf(models);
        MessageType schema = EmbeddingColumns.schema(models);
        this.groups = new SimpleGroupFactory(schema);
        this.writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withType(schema)
                .withCodecFactory(Codecs.INSTANCE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .build();
    }

    void write(EmbeddingRow row) throws IOException {
        FileRecord r = row.record();
        Group g = groups.newGroup()
                .append(EmbeddingColumns.PATH, r.path())
                .append(EmbeddingColumns.SIZE, r.size())
                .append(EmbeddingColumns.MTIME_MILLIS, r.mtimeMillis())
                .append(EmbeddingColumns.WIDTH, r.width())
                .append(EmbeddingColumns.HEIGHT, r.height())
                .append(
                        EmbeddingColumns.STATUS,
                        r.status() == FileStatus.OK ? EmbeddingColumns.OK : EmbeddingColumns.FAILED);
        if (r.sha256() != null) {
            g.append(EmbeddingColumns.SHA256, r.sha256());
        }
        if (r.error() != null) {
            g.append(EmbeddingColumns.ERROR, r.error());
        }
        for (ModelIdentity model : models) {
            float[] vector = row.vectors().get(model.name());
            if (vector != null) {
                Group list = g.addGroup(model.name());
                for (float value : vector) {
                    list.addGroup(0).add(0, value);
                }
            }
        }
        writer.write(g);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
