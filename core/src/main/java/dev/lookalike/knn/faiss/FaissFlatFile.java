package dev.lookalike.knn.faiss;

import dev.lookalike.io.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads and writes FAISS flat index files, the format of {@code faiss.write_index} for
 * {@code IndexFlatL2} and {@code IndexFlatIP} (checked against FAISS 1.7.3; see
 * {@code faiss/impl/index_write.cpp}). All numbers are little-endian:
 *
 * <pre>
 * offset  size      field
 *  0      4         fourcc: "IxF2" (IndexFlatL2) or "IxFI" (IndexFlatIP)
 *  4      4         int32   d, the dimension
 *  8      8         int64   ntotal, the number of vectors
 * 16      8         int64   unused, FAISS writes 1 &lt;&lt; 20
 * 24      8         int64   unused, FAISS writes 1 &lt;&lt; 20
 * 32      1         uint8   is_trained, 1 for flat indexes
 * 33      4         int32   metric_type: 1 = METRIC_L2, 0 = METRIC_INNER_PRODUCT
 * 37      8         uint64  number of floats that follow, ntotal * d
 * 45      4*ntotal*d float32 the vectors, row-major, in insertion order
 * </pre>
 *
 * Nothing follows the vectors. (Metrics other than L2 and inner product would add a float
 * {@code metric_arg} after {@code metric_type}; flat L2/IP files never have it.)
 */
public final class FaissFlatFile {

    /** Bytes before the vectors. */
    static final int HEADER_BYTES = 45;

    private static final long UNUSED = 1L << 20;
    private static final int IO_BUFFER = 1 << 20;

    /** The metric of a flat index, with its FAISS type tag and {@code metric_type} code. */
    public enum Metric {
        /** {@code IndexFlatL2}: squared Euclidean distance. */
        L2("IxF2", 1),
        /** {@code IndexFlatIP}: inner product. */
        INNER_PRODUCT("IxFI", 0);

        private final String fourcc;
        private final int code;

        Metric(String fourcc, int code) {
            this.fourcc = fourcc;
            this.code = code;
        }

        /** The file's 4-character type tag. */
        public String fourcc() {
            return fourcc;
        }
    }

    /**
     * A flat index file's contents.
     *
     * @param metric    the index type
     * @param dimension d
     * @param count     number of vectors
     * @param vectors   {@code count * dimension} floats, row-major
     */
    public record Contents(Metric metric, int dimension, int count, float[] vectors) {}

    private FaissFlatFile() {}

    /**
     * Writes {@code count} vectors as a FAISS flat index. The file appears atomically: it is written
     * beside {@code file}, flushed to disk and renamed.
     *
     * @param vectors row-major, at least {@code count * dimension} floats
     */
    public static void write(Path file, float[] vectors, int count, int dimension, Metric metric) throws IOException {
        if (dimension < 1 || count < 0 || (long) count * dimension > vectors.length) {
            throw new IllegalArgumentException("cannot write " + count + " vectors of dimension " + dimension
                    + " from an array of " + vectors.length + " floats");
        }
        AtomicFile.write(file, out -> {
            writeAll(out, header(metric, dimension, count));
            writeVectors(out, vectors, count * dimension);
        });
    }

    /**
     * Reads a FAISS {@code IndexFlatL2} or {@code IndexFlatIP} file.
     *
     * @throws FaissFormatException naming the file and the bad value if it is another index type,
     *                              corrupt or truncated
     */
    public static Contents read(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            readFully(in, header, file, "header");
            Header fields = Header.decode(header.flip());
            Metric metric = fields.validate(file);
            int dimension = fields.dimension();
            int count = (int) fields.count();
            long expectedSize = HEADER_BYTES + 4L * count * dimension;
            if (in.size() != expectedSize) {
                throw new FaissFormatException(
                        file,
                        (in.size() < expectedSize ? "truncated" : "trailing bytes")
                                + ": " + count + " vectors of dimension " + dimension + " need " + expectedSize
                                + " bytes, file has " + in.size());
            }
            return new Contents(metric, dimension, count, readVectors(in, count * dimension, file));
        }
    }

    private static ByteBuffer header(Metric metric, int dimension, int count) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 4; i++) {
            header.put((byte) metric.fourcc.charAt(i));
        }
        header.putInt(dimension)
                .putLong(count)
                .putLong(UNUSED)
                .putLong(UNUSED)
                .put((byte) 1)
                .putInt(metric.code)
                .putLong((long) count * dimension);
        return header.flip();
    }

    private static void writeVectors(FileChannel out, float[] vectors, int floats) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(IO_BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < floats; ) {
            int n = Math.min(IO_BUFFER / 4, floats - from);
            buffer.clear();
            buffer.asFloatBuffer().put(vectors, from, n);
            buffer.limit(4 * n);
            writeAll(out, buffer);
            from += n;
        }
    }

    private static float[] readVectors(FileChannel in, int floats, Path file) throws IOException {
        float[] vectors = new float[floats];
        ByteBuffer buffer = ByteBuffer.allocateDirect(IO_BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < floats; ) {
            int n = Math.min(IO_BUFFER / 4, floats - from);
            buffer.clear().limit(4 * n);
            readFully(in, buffer, file, "vectors");
            buffer.flip().asFloatBuffer().get(vectors, from, n);
            from += n;
        }
        return vectors;
    }

    private static void writeAll(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private static void readFully(FileChannel in, ByteBuffer buffer, Path file, String what) throws IOException {
        while (buffer.hasRemaining()) {
            if (in.read(buffer) < 0) {
                throw new FaissFormatException(
                        file,
                        "truncated in the " + what + " (" + buffer.position() + " of " + buffer.limit() + " bytes)");
            }
        }
    }

    /** The header's fields, in file order. */
    private record Header(String fourcc, int dimension, long count, byte trained, int metricType, long floats) {

        static Header decode(ByteBuffer buffer) {
            byte[] tag = new byte[4];
            buffer.get(tag);
            String fourcc = new String(tag, StandardCharsets.ISO_8859_1);
            int dimension = buffer.getInt();
            long count = buffer.getLong();
            buffer.getLong();
            buffer.getLong();
            return new Header(fourcc, dimension, count, buffer.get(), buffer.getInt(), buffer.getLong());
        }

        /** The metric, once every field is checked against the others. */
        Metric validate(Path file) throws FaissFormatException {
            Metric metric = Arrays.stream(Metric.values())
                    .filter(m -> m.fourcc.equals(fourcc))
                    .findFirst()
                    .orElseThrow(() -> new FaissFormatException(
                            file,
                            "index type '" + printable(fourcc)
                                    + "' is not supported; expected IndexFlatL2 (IxF2) or IndexFlatIP (IxFI)"));
            if (dimension < 1) {
                throw new FaissFormatException(file, "bad dimension d = " + dimension);
            }
            if (count < 0 || count * dimension > Integer.MAX_VALUE - 8) {
                throw new FaissFormatException(file, "bad vector count ntotal = " + count + " for d = " + dimension);
            }
            if (trained != 1) {
                throw new FaissFormatException(file, "bad is_trained flag " + trained + " for a flat index");
            }
            if (metricType != metric.code) {
                throw new FaissFormatException(
                        file, "metric_type " + metricType + " does not match index type " + fourcc);
            }
            if (floats != count * dimension) {
                throw new FaissFormatException(
                        file, "vector data holds " + floats + " floats, expected ntotal * d = " + count * dimension);
            }
            return metric;
        }

        private static String printable(String fourcc) {
            StringBuilder text = new StringBuilder();
            for (char c : fourcc.toCharArray()) {
                text.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
            }
            return text.toString();
        }
    }
}
