package dev.lookalike.knn.faiss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.knn.FlatIndex;
import dev.lookalike.knn.Neighbors;
import dev.lookalike.knn.faiss.FaissFlatFile.Contents;
import dev.lookalike.knn.faiss.FaissFlatFile.Metric;
import dev.lookalike.npy.NpyArray;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against files written by real FAISS 1.7.3 (tools/fixtures/make_faiss_fixtures.py). */
class FaissFlatFileTest {

    @TempDir
    Path dir;

    @Test
    void readsFilesWrittenByFaiss() throws Exception {
        float[] vectors = fixture("vectors.npy").data();
        for (Metric metric : Metric.values()) {
            Contents contents = FaissFlatFile.read(fixturePath(indexName(metric)));
            assertEquals(metric, contents.metric());
            assertEquals(8, contents.dimension());
            assertEquals(20, contents.count());
            assertArrayEquals(vectors, contents.vectors());
        }
    }

    @Test
    void writesWhatFaissWritesByteForByte() throws Exception {
        float[] vectors = fixture("vectors.npy").data();
        for (Metric metric : Metric.values()) {
            Path ours = dir.resolve(indexName(metric));
            FaissFlatFile.write(ours, vectors, 20, 8, metric);
            assertArrayEquals(Files.readAllBytes(fixturePath(indexName(metric))), Files.readAllBytes(ours));
        }
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void searchAgreesWithFaissTopK() throws Exception {
        FlatIndex index = new FlatIndex(8);
        index.add(FaissFlatFile.read(fixturePath("flat_ip.index")).vectors(), 20);
        float[] q = fixture("queries.npy").data();
        float[][] queries = new float[4][];
        Arrays.setAll(queries, i -> Arrays.copyOfRange(q, i * 8, (i + 1) * 8));
        Neighbors results = index.search(queries, 5);
        float[] ipIds = fixture("ip_ids.npy").data();
        float[] l2Ids = fixture("l2_ids.npy").data();
        float[] ipScores = fixture("ip_scores.npy").data();
        float[] l2Distances = fixture("l2_distances.npy").data();
        for (int cell = 0; cell < 20; cell++) {
            assertEquals((int) ipIds[cell], results.ordinals()[cell], "IndexFlatIP id, cell " + cell);
            assertEquals((int) l2Ids[cell], results.ordinals()[cell], "IndexFlatL2 id, cell " + cell);
            assertEquals(ipScores[cell], results.cosines()[cell], 1e-6, "inner product, cell " + cell);
            assertEquals(l2Distances[cell], results.distances()[cell], 1e-6, "L2 distance, cell " + cell);
        }
    }

    @Test
    void roundTripsAnEmptyIndex() throws IOException {
        Path file = dir.resolve("empty.index");
        FaissFlatFile.write(file, new float[0], 0, 512, Metric.L2);
        Contents contents = FaissFlatFile.read(file);
        assertEquals(512, contents.dimension());
        assertEquals(0, contents.count());
        assertEquals(FaissFlatFile.HEADER_BYTES, Files.size(file));
    }

    @Test
    void refusesOtherIndexTypes() throws Exception {
        Path hnsw = fixturePath("hnsw.index");
        assertRefused(hnsw, "IHNf");
    }

    @Test
    void refusesCorruptAndTruncatedFiles() throws Exception {
        byte[] good = Files.readAllBytes(fixturePath("flat_l2.index"));
        assertRefused(write("short-header.index", Arrays.copyOf(good, 20)), "truncated");
        assertRefused(write("short-data.index", Arrays.copyOf(good, good.length - 3)), "truncated", "682");
        assertRefused(write("trailing.index", Arrays.copyOf(good, good.length + 4)), "trailing", "689");
        assertRefused(write("bad-d.index", patchInt(good, 4, -7)), "d = -7");
        assertRefused(write("bad-metric.index", patchInt(good, 33, 0)), "metric_type 0", "IxF2");
        assertRefused(write("bad-count.index", patchInt(good, 37, 159)), "159");
        byte[] notTrained = good.clone();
        notTrained[32] = 0;
        assertRefused(write("untrained.index", notTrained), "is_trained");
    }

    @Test
    void refusesBadArgumentsToWrite() {
        assertThrows(
                IllegalArgumentException.class,
                () -> FaissFlatFile.write(dir.resolve("x.index"), new float[10], 3, 4, Metric.L2));
        assertThrows(
                IllegalArgumentException.class,
                () -> FaissFlatFile.write(dir.resolve("x.index"), new float[10], 1, 0, Metric.L2));
    }

    private void assertRefused(Path file, String... parts) {
        FaissFormatException e = assertThrows(FaissFormatException.class, () -> FaissFlatFile.read(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should mention " + part);
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] patchInt(byte[] bytes, int offset, int value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return copy;
    }

    private static String indexName(Metric metric) {
        return metric == Metric.L2 ? "flat_l2.index" : "flat_ip.index";
    }

    private static NpyArray fixture(String name) throws Exception {
        return NpyArray.read(fixturePath(name));
    }

    private static Path fixturePath(String name) throws URISyntaxException {
        return Path.of(
                FaissFlatFileTest.class.getResource("/fixtures/faiss/" + name).toURI());
    }
}
