package dev.lookalike.parquet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Page compression without Hadoop's codecs: parquet-hadoop's own factory reads a Hadoop {@code Configuration} (and so
 * needs Hadoop's XML parser and half its runtime). Snappy (Spark's default) comes from snappy-java, gzip from the JDK.
 */
final class Codecs implements CompressionCodecFactory {

    static final Codecs INSTANCE = new Codecs();

    private Codecs() {}

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new Compressor(supported(codec));
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new Decompressor(supported(codec));
    }

    @Override
    public void release() {}

    private static CompressionCodecName supported(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED, SNAPPY, GZIP -> codec;
            default ->
                throw new IllegalArgumentException("Parquet pages compressed with " + codec + " are not"
                        + " supported; write with snappy (Spark's default), gzip or none");
        };
    }

    private record Compressor(CompressionCodecName codec) implements BytesInputCompressor {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            byte[] raw = bytes.toByteArray();
            return BytesInput.from(
                    switch (codec) {
                        case SNAPPY -> Snappy.compress(raw);
                        case GZIP -> gzip(raw);
                        default -> raw;
                    });
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {}
    }

    private record Decompressor(CompressionCodecName codec) implements BytesInputDecompressor {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            return BytesInput.from(decompress(bytes.toByteArray(), uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] compressed = new byte[compressedSize];
            input.duplicate().get(compressed);
            output.put(decompress(compressed, uncompressedSize));
        }

        private byte[] decompress(byte[] compressed, int uncompressedSize) throws IOException {
            byte[] raw = switch (codec) {
                case SNAPPY -> Snappy.uncompress(compressed);
                case GZIP -> gunzip(compressed);
                default -> compressed;
            };
            if (raw.length != uncompressedSize) {
                throw new IOException(
                        "a " + codec + " page holds " + raw.length + " bytes, its header says " + uncompressedSize);
            }
            return raw;
        }

        @Override
        public void release() {}
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(raw);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] compressed) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }
}
