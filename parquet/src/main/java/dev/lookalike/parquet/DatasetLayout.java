package dev.lookalike.parquet;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The directory layout of an embedding dataset, shared by the Spark job and the command line:
 *
 * <pre>
 * OUT/_lookalike.json                    the {@link DatasetManifest}
 * OUT/run-20261128T151300123Z-1a2b3c4d/  one directory per run, named so that names sort by start time
 *     part-*.parquet                     rows, {@link EmbeddingColumns}
 *     _SUCCESS                           written last: the run is committed
 * </pre>
 *
 * A run without {@code _SUCCESS} was killed before it committed: readers ignore it and a resumed run deletes it, so
 * its rows are embedded again and never appear twice. Each path appears in at most one committed run; should two
 * runs hold it, the later one wins.
 */
public final class DatasetLayout {

    /** The manifest's file name. */
    public static final String MANIFEST = "_lookalike.json";
    /** The prefix of every run directory. */
    public static final String RUN_PREFIX = "run-";
    /** The marker of a committed run (Hadoop's output committers write it). */
    public static final String SUCCESS = "_SUCCESS";
    /** The suffix of part files. */
    public static final String PART_SUFFIX = ".parquet";

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private DatasetLayout() {}

    /** A new run directory's name for a run starting at {@code start}; unique even for runs in the same millisecond. */
    public static String newRunName(Instant start) {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        return RUN_PREFIX + STAMP.format(start) + "-" + HexFormat.of().formatHex(suffix);
    }

    /** Whether a directory name is a run's. */
    public static boolean isRunName(String name) {
        return name.startsWith(RUN_PREFIX);
    }

    /** Whether a file name in a run is a part file (Spark's hidden and checksum files are not). */
    public static boolean isPartName(String name) {
        return name.endsWith(PART_SUFFIX) && !name.startsWith("_") && !name.startsWith(".");
    }
}
