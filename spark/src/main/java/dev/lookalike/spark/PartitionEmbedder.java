package dev.lookalike.spark;

import dev.lookalike.embed.Device;
import dev.lookalike.image.DecodeOptions;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.Sha256;
import dev.lookalike.parquet.EmbeddingColumns;
import dev.lookalike.vector.VectorUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Embeds one partition of {@code (uri, path)} rows, a batch at a time: reads each file, hashes and decodes it, then
 * preprocesses and embeds the readable ones with each model. A file that cannot be read or decoded becomes a row with
 * status {@code error} and the reason; it never fails the task. Files are read with the driver's Hadoop configuration,
 * so that {@code spark.hadoop.*} settings (object store credentials, endpoints) reach the executors.
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

    /** A file of the batch: its bytes' facts and pixels, or why it has none. */
    record Item(String path, long size, long mtimeMillis, String sha256, DecodedImage image, String error) {
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) throws IOException {
        List<ImageModel> loaded = new ArrayList<>();
        for (ShippedModel model : models) {
            loaded.add(ExecutorModels.get(model, threads, device));
        }
        ImageDecoder decoder = new ImageDecoder(DecodeOptions.DEFAULT);
        Configuration conf = hadoop.value();
        return new Iterator<>() {
            private Iterator<Row> batch = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                while (!batch.hasNext() && input.hasNext()) {
                    List<Item> items = new ArrayList<>(batchSize);
                    while (items.size() < batchSize && input.hasNext()) {
                        Row row = input.next();
                        items.add(read(row.getString(0), row.getString(1), decoder, conf));
                    }
                    batch = embed(items, loaded).iterator();
                }
                return batch.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return batch.next();
            }
        };
    }

    private static Item read(String uri, String path, ImageDecoder decoder, Configuration conf) {
        if (InputFiles.outsideRoot(path)) {
            return new Item(path, 0, 0, null, null, uri + ": outside the job's root folder");
        }
        long size = 0;
        long mtime = 0;
        try {
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(uri);
            FileSystem fs = file.getFileSystem(conf);
            FileStatus status = fs.getFileStatus(file);
            size = status.getLen();
            mtime = status.getModificationTime();
            if (size > Integer.MAX_VALUE - 8) {
                return new Item(path, size, mtime, null, null, path + ": too large (" + size + " bytes)");
            }
            byte[] bytes;
            try (InputStream in = fs.open(file)) {
                bytes = in.readNBytes((int) size);
            }
            String sha256 = Sha256.of(bytes);
            try {
                return new Item(path, size, mtime, sha256, decoder.decode(bytes, path), null);
            } catch (IOException | RuntimeException e) {
                return new Item(path, size, mtime, sha256, null, message(e));
            }
        } catch (IOException | RuntimeException e) {
            return new Item(path, size, mtime, null, null, path + ": " + message(e));
        }
    }

    /** The items' rows; when a batch fails, each readable item is embedded alone so only the bad ones fail. */
    List<Row> embed(List<Item> items, List<ImageModel> loaded) {
        List<Item> readable = items.stream().filter(item -> item.image() != null).toList();
        List<float[][]> vectors = new ArrayList<>();
        try {
            for (ImageModel model : loaded) {
                vectors.add(embedAll(model, readable));
            }
        } catch (RuntimeException e) {
            if (readable.size() > 1) {
                List<Row> rows = new ArrayList<>(items.size());
                for (Item item : items) {
                    rows.addAll(embed(List.of(item), loaded));
                }
                return rows;
            }
            String failure = ": embedding failed: " + message(e);
            return items.stream().map(item -> errorRow(item, item.image() == null ? item.error()
                    : item.path() + failure)).toList();
        }
        List<Row> rows = new ArrayList<>(items.size());
        int r = 0;
        for (Item item : items) {
            rows.add(item.image() == null ? errorRow(item, item.error()) : okRow(item, vectors, r++));
        }
        return rows;
    }

    private static float[][] embedAll(ImageModel model, List<Item> readable) {
        if (readable.isEmpty()) {
            return new float[0][];
        }
        FloatBuffer batch = model.allocateBatch(readable.size());
        for (int i = 0; i < readable.size(); i++) {
            model.preprocessInto(readable.get(i).image(), batch, i);
        }
        float[][] vectors = model.embedBatch(batch, readable.size());
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = VectorUtil.l2Normalized(vectors[i]);
        }
        return vectors;
    }

    private Row okRow(Item item, List<float[][]> vectors, int index) {
        Object[] values = new Object[8 + models.size()];
        fill(values, item, item.image().width(), item.image().height(), EmbeddingColumns.OK, null);
        for (int m = 0; m < models.size(); m++) {
            values[8 + m] = scalaSeq(vectors.get(m)[index]);
        }
        return RowFactory.create(values);
    }

    private Row errorRow(Item item, String error) {
        Object[] values = new Object[8 + models.size()];
        fill(values, item, 0, 0, EmbeddingColumns.FAILED, error);
        return RowFactory.create(values);
    }

    private static void fill(Object[] values, Item item, int width, int height, String status, String error) {
        values[0] = item.path();
        values[1] = item.size();
        values[2] = item.mtimeMillis();
        values[3] = item.sha256();
        values[4] = width;
        values[5] = height;
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
