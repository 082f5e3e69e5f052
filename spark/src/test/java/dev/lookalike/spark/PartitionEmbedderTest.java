package dev.lookalike.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.embed.Device;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.parquet.EmbeddingColumns;
import java.awt.image.BufferedImage;
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
import javax.imageio.ImageIO;
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

        List<Row> rows = collect(shipped.embed(
                List.of(RowFactory.create("alias://" + file, "12:30.bin")).iterator(), List.of(new FailingModel())));

        assertEquals(1, rows.size());
        Row row = rows.get(0);
        // Read through alias:, a scheme only the given configuration knows; a colon is no sign of a path outside
        // the root; the bytes are no image.
        assertEquals(5L, row.getLong(1), String.valueOf(row.get(7)));
        assertEquals(EmbeddingColumns.FAILED, row.getString(6));
        assertEquals(64, row.getString(3).length(), "hashed: the file was read");
    }

    @Test
    void oneImageThatFailsItsBatchFailsAlone() throws IOException {
        ShippedModel.SerializableIdentity identity =
                new ShippedModel.SerializableIdentity("fake", "0".repeat(64), "out", "none", 2);
        PartitionEmbedder embedder = new PartitionEmbedder(
                List.of(new ShippedModel(identity, "model.onnx", null)), 4, 1, Device.CPU, new Configuration(false));
        List<Row> input = List.of(
                row(png("a.png", 3)),
                row(png("bad.png", FailingModel.POISON)),
                RowFactory.create(tmp.resolve("gone.jpg").toUri().toString(), "gone.jpg"),
                row(png("b.png", 5)));

        List<Row> rows = collect(embedder.embed(input.iterator(), List.of(new FailingModel())));

        assertEquals(
                List.of("a.png", "bad.png", "gone.jpg", "b.png"),
                rows.stream().map(r -> r.getString(0)).toList());
        assertEquals(
                List.of("ok", "error", "error", "ok"),
                rows.stream().map(r -> r.getString(6)).toList());
        assertNull(rows.get(0).get(7));
        assertEquals(
                "bad.png: embedding failed: cannot embed a 7-pixel-wide image",
                rows.get(1).getString(7));
        assertTrue(
                rows.get(2).getString(7).startsWith("gone.jpg: "), rows.get(2).getString(7));
        assertNull(rows.get(2).get(3), "never read, so no hash");
        assertEquals(64, rows.get(1).getString(3).length(), "read and hashed before it failed");
        assertEquals(Files.size(tmp.resolve("a.png")), rows.get(0).getLong(1));
        assertEquals(3, rows.get(0).getInt(4));
        assertEquals(3 / Math.hypot(3, 1), (float) rows.get(0).getSeq(8).apply(0), 1e-6);
        assertEquals(5 / Math.hypot(5, 1), (float) rows.get(3).getSeq(8).apply(0), 1e-6);
    }

    private Path png(String name, int width) throws IOException {
        Path file = tmp.resolve(name);
        ImageIO.write(new BufferedImage(width, 1, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
        return file;
    }

    private static Row row(Path file) {
        return RowFactory.create(file.toUri().toString(), file.getFileName().toString());
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
        public void close() {}
    }
}
