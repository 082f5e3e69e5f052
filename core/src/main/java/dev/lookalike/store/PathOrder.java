package dev.lookalike.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The order an index lists its files in: by the paths' UTF-8 bytes, unsigned (SQLite's BINARY
 * collation). Everything that must agree with a local index (ids, tie order, exported rows) sorts
 * by it.
 */
public final class PathOrder {

    /** Compares paths as the index orders them. */
    public static final Comparator<String> UTF8 = Comparator.comparing(PathOrder::key, PathOrder::compareKeys);

    private PathOrder() {}

    /** A path's sort key, for sorting many paths without encoding them at every comparison. */
    public static byte[] key(String path) {
        return path.getBytes(StandardCharsets.UTF_8);
    }

    /** Compares two keys from {@link #key}. */
    public static int compareKeys(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
