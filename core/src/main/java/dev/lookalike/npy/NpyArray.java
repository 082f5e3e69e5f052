package dev.lookalike.npy;

import dev.lookalike.io.AtomicFile;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A C-ordered float32 array read from or written to NumPy's {@code .npy} format (version 1.0).
 *
 * <p>Reading accepts plain or gzip-compressed files, little-endian {@code <f4}, {@code <f8} (narrowed to float32) and
 * {@code |u1} (widened); writing always produces {@code <f4}, which {@code numpy.load} reads.
 *
 * @param shape the dimensions, outermost first
 * @param data  the values in C order; its length is the product of {@code shape}
 */
public record NpyArray(int[] shape, float[] data) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    public NpyArray {
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + size + " values, got " + data.length);
        }
    }

    /** Reads an {@code .npy} file, or a gzip-compressed one ({@code .npy.gz}, recognised by its content). */
    public static NpyArray read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            return read(gzip ? new GZIPInputStream(raw) : raw, file.toString());
        }
    }

    /**
     * Reads an {@code .npy} array from a stream.
     *
     * @param name what to call the source in error messages
     */
    public static NpyArray read(InputStream in, String name) throws IOException {
        byte[] magic = in.readNBytes(6);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException(name + ": not a .npy file (bad magic)");
        }
        int major = in.read();
        in.read();
        ByteBuffer lenBytes = ByteBuffer.wrap(in.readNBytes(major == 1 ? 2 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = major == 1 ? Short.toUnsignedInt(lenBytes.getShort()) : lenBytes.getInt();
        String header = new String(in.readNBytes(headerLength), StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, name);
        if ("True".equals(group(FORTRAN, header, name))) {
            throw new IOException(name + ": Fortran-ordered arrays are not supported");
        }
        int[] shape = Arrays.stream(group(SHAPE, header, name).split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt)
                .toArray();
        int count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        return new NpyArray(shape, readValues(in, descr, count, name));
    }

    private static float[] readValues(InputStream in, String descr, int count, String name) throws IOException {
        int width = switch (descr) {
            case "<f4" -> 4;
            case "<f8" -> 8;
            case "|u1" -> 1;
            default -> throw new IOException(name + ": unsupported dtype " + descr);
        };
        byte[] bytes = in.readNBytes(Math.multiplyExact(count, width));
        if (bytes.length != count * width) {
            throw new IOException(name + ": truncated, expected " + count * width + " data bytes, got " + bytes.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = switch (width) {
                case 4 -> buf.getFloat();
                case 8 -> (float) buf.getDouble();
                default -> buf.get() & 0xFF;
            };
        }
        return values;
    }

    private static String group(Pattern pattern, String header, String name) throws IOException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IOException(name + ": malformed .npy header: " + header.strip());
        }
        return m.group(1);
    }

    /**
     * Writes this array as {@code <f4}. The file appears atomically: it is written beside the
     * target and renamed, so a failure never leaves a half-written file under {@code file}.
     */
    public void write(Path file) throws IOException {
        AtomicFile.write(file, channel -> {
            // Not closed here: closing the stream would close the channel before it is synced.
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            write(out);
            out.flush();
        });
    }

    /** Writes this array as {@code <f4} to a stream. */
    public void write(OutputStream out) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1
                ? dims.substring(0, dims.length() - 1)
                : dims.length() == 0 ? "" : dims.substring(0, dims.length() - 2);
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shapeText + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        out.write(MAGIC);
        out.write(new byte[] {1, 0, (byte) header.length(), (byte) (header.length() >> 8)});
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        out.write(buf.array());
    }
}
