package dev.lookalike.spark;

import dev.lookalike.embed.Device;
import dev.lookalike.image.DecodeOptions;
import dev.lookalike.image.ImageDecodeException;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.ImageModel;
import dev.lookalike.parquet.EmbeddingColumns;
import dev.lookalike.pipeline.EmbeddedImage;
import dev.lookalike.pipeline.EmbeddingPipeline;
import dev.lookalike.pipeline.ImageSource;
import dev.lookalike.vector.VectorUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.SerializableConfiguration;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Embeds one partition of {@code (uri, path)} rows through the same overlapped pipeline as {@code index}
 * ({@link EmbeddingPipeline}): worker threads read, hash, decode and preprocess the next batch while the task's thread
 * runs inference on the current one, the decoding threads chosen from the measured stage costs. A file that cannot be
 * read, decoded or embedded becomes a row with status {@code error} and the reason; it never fails the task. Files are
 * read with the driver's Hadoop configuration, so that {@code spark.hadoop.*} settings (object store credentials,
 * endpoints) reach the executors.
 */
final class PartitionEmbedder implements FlatMapFunction<Iterator<Row>, Row>, Serializable {

    private final List<ShippedModel> models;
    private final int batchSize;
    private final int threads;
    private final Device device;
    private final SerializableConfiguration hadoop;

    PartitionEmbedder(List<ShippedModel> models, int batchSize, int threads, Device device, Configuration hadoop) {
        this.models = List.copyOf(models);
        this.batchSize = batchSize;
        this.threads = threads;
        this.device = device;
        this.hadoop = new SerializableConfiguration(hadoop);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        List<ImageModel> loaded = new ArrayList<>();
        for (ShippedModel model : models) {
            loaded.add(ExecutorModels.get(model, threads, device));
        }
        return embed(input, loaded);
    }

    /** The partition's rows, in input order, embedded with {@code loaded} (the shipped models, loaded). */
    Iterator<Row> embed(Iterator<Row> input, List<ImageModel> loaded) {
        if (!input.hasNext()) {
            return List.<Row>of().iterator();
        }
        Configuration conf = hadoop.value();
        // Outcomes come out in input order, so each one belongs to the oldest source handed out and not yet answered.
        Deque<HadoopSource> pending = new ArrayDeque<>();
        Iterator<HadoopSource> sources = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return input.hasNext();
            }

            @Override
            public HadoopSource next() {
                Row row = input.next();
                HadoopSource source = new HadoopSource(row.getString(0), row.getString(1), conf);
                pending.add(source);
                return source;
            }
        };
        EmbeddingPipeline pipeline =
                new EmbeddingPipeline(loaded, new ImageDecoder(DecodeOptions.DEFAULT), batchSize, 0);
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> pipeline.close());
        }
        Iterator<EmbeddedImage> out = pipeline.embed(sources);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = out.hasNext();
                if (!more) {
                    pipeline.close();
                }
                return more;
            }

            @Override
            public Row next() {
                EmbeddedImage item = out.next();
                HadoopSource source = pending.poll();
                assert source != null && source.path().equals(item.source()) : "outcome out of order: " + item.source();
                return item.ok() ? okRow(source, item) : errorRow(source, item);
            }
        };
    }

    /** A file read through Hadoop's file system API; it remembers the size and time it found. */
    private static final class HadoopSource implements ImageSource {
        private final String uri;
        private final String path;
        private final Configuration conf;
        private long size;
        private long mtimeMillis;

        HadoopSource(String uri, String path, Configuration conf) {
            this.uri = uri;
            this.path = path;
            this.conf = conf;
        }

        @Override
        public java.nio.file.Path path() {
            return java.nio.file.Path.of(path);
        }

        @Override
        public byte[] read() throws ImageDecodeException {
            if (InputFiles.outsideRoot(path)) {
                throw new ImageDecodeException(java.nio.file.Path.of(uri), "outside the job's root folder");
            }
            try {
                org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(uri);
                FileSystem fs = file.getFileSystem(conf);
                FileStatus status = fs.getFileStatus(file);
                size = status.getLen();
                mtimeMillis = status.getModificationTime();
                if (size > Integer.MAX_VALUE - 8) {
                    throw new ImageDecodeException(path(), "too large (" + size + " bytes)");
                }
                try (InputStream in = fs.open(file)) {
                    return in.readNBytes((int) size);
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof ImageDecodeException decodeException) {
                    throw decodeException;
                }
                throw new ImageDecodeException(path(), message(e), e);
            }
        }
    }

    private Row okRow(HadoopSource source, EmbeddedImage item) {
        Object[] values = new Object[8 + models.size()];
        fill(values, source, item, EmbeddingColumns.OK, null);
        for (int m = 0; m < models.size(); m++) {
            values[8 + m] = scalaSeq(VectorUtil.l2Normalized(item.vectors().get(m)));
        }
        return RowFactory.create(values);
    }

    private Row errorRow(HadoopSource source, EmbeddedImage item) {
        Object[] values = new Object[8 + models.size()];
        fill(values, source, item, EmbeddingColumns.FAILED, message(item.error().orElseThrow()));
        return RowFactory.create(values);
    }

    private static void fill(Object[] values, HadoopSource source, EmbeddedImage item, String status, String error) {
        values[0] = source.path;
        values[1] = source.size;
        values[2] = source.mtimeMillis;
        values[3] = item.sha256().isEmpty() ? null : item.sha256();
        values[4] = item.width();
        values[5] = item.height();
        values[6] = status;
        values[7] = error;
    }

    /** Spark's row encoder takes a Scala sequence for an array column. */
    private static scala.collection.immutable.Seq<Object> scalaSeq(float[] vector) {
        List<Object> list = new ArrayList<>(vector.length);
        for (float v : vector) {
            list.add(v);
        }
        return scala.jdk.javaapi.CollectionConverters.asScala(list).toList();
    }

    private static String message(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.lines().findFirst().orElse(text);
    }
}
