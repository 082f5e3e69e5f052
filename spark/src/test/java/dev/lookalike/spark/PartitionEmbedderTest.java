package dev.lookalike.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.lookalike.embed.Device;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.parquet.EmbeddingColumns;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor side without Spark: which Hadoop configuration it reads with, and how it survives a failed batch. */
class PartitionEmbedderTest {

    @TempDir
    Path tmp;

    @Test
    void filesAreReadWithTheConfigurationItWasGivenAndMayHaveAColon() throws Exception {
        Path file = Files.write(tmp.resolve("12:30.bin"), new byte[] {1, 2, 3, 4, 5});
        Configuration conf = new Configuration(false);
        AliasFileSystem.register(conf);
        PartitionEmbedder shipped = roundTrip(new PartitionEmbedder(List.of(), 4, 1, Device.CPU, conf));

        List<Row> rows = collect(shipped.call(List.of(RowFactory.create("alias://" + file, "12:30.bin")).iterator()));

        assertEquals(1, rows.size());
        Row row = rows.get(0);
        // Read through alias:, a scheme only the given configuration knows; a colon is no sign of a path outside
        // the root; the bytes are no image.
        assertEquals(5L, row.getLong(1), String.valueOf(row.get(7)));
        assertEquals(EmbeddingColumns.FAILED, row.getString(6));
        assertEquals(64, row.getString(3).length(), "hashed: the file was read");
    }

    @Test
    void oneImageThatFailsItsBatchFailsAlone() {
        ShippedModel.SerializableIdentity identity = new ShippedModel.SerializableIdentity("fake", "0".repeat(64),
                "out", "none", 2);
        PartitionEmbedder embedder = new PartitionEmbedder(List.of(new ShippedModel(identity, "model.onnx", null)), 4,
                1, Device.CPU, new Configuration(false));
        List<PartitionEmbedder.Item> items = List.of(item("a.jpg", 3), item("bad.jpg", FailingModel.POISON),
                new PartitionEmbedder.Item("gone.jpg", 0, 0, null, null, "gone.jpg: cannot decode"), item("b.jpg", 5));

        List<Row> rows = embedder.embed(items, List.of(new FailingModel()));

        assertEquals(List.of("a.jpg", "bad.jpg", "gone.jpg", "b.jpg"), rows.stream().map(r -> r.getString(0)).toList());
        assertEquals(List.of("ok", "error", "error", "ok"), rows.stream().map(r -> r.getString(6)).toList());
        assertNull(rows.get(0).get(7));
        assertEquals("bad.jpg: embedding failed: cannot embed a 7-pixel-wide image", rows.get(1).getString(7));
        assertEquals("gone.jpg: cannot decode", rows.get(2).getString(7));
        assertEquals(3 / Math.hypot(3, 1), (float) rows.get(0).getSeq(8).apply(0), 1e-6);
        assertEquals(5 / Math.hypot(5, 1), (float) rows.get(3).getSeq(8).apply(0), 1e-6);
    }

    private static PartitionEmbedder.Item item(String path, int width) {
        return new PartitionEmbedder.Item(path, 10, 20, "0".repeat(64), new DecodedImage(width, 1, new byte[width * 3]),
                null);
    }

    /** What an executor gets: the function after Java serialization. */
    private static PartitionEmbedder roundTrip(PartitionEmbedder embedder) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(embedder);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (PartitionEmbedder) in.readObject();
        }
    }

    private static List<Row> collect(Iterator<Row> rows) {
        List<Row> list = new ArrayList<>();
        rows.forEachRemaining(list::add);
        return list;
    }

    /** A 2-d model whose vector is (width, 1), and that fails any batch holding an image {@link #POISON} wide. */
    private static final class FailingModel implements ImageModel {
        static final int POISON = 7;

        @Override
        public ModelSpec spec() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ModelIdentity identity() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public FloatBuffer allocateBatch(int count) {
            return FloatBuffer.allocate(count);
        }

        @Override
        public void preprocessInto(DecodedImage image, FloatBuffer batch, int slot) {
            batch.put(slot, image.width());
        }

        @Override
        public float[][] embedBatch(FloatBuffer batch, int count) {
            float[][] vectors = new float[count][];
            for (int i = 0; i < count; i++) {
                if (batch.get(i) == POISON) {
                    throw new IllegalStateException("cannot embed a " + POISON + "-pixel-wide image");
                }
                vectors[i] = new float[] {batch.get(i), 1};
            }
            return vectors;
        }

        @Override
        public void close() {
        }
    }
}
