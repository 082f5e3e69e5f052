package dev.lookalike.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;

import dev.lookalike.indexing.ImageWalker;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The image files a job embeds, as rows of {@code (uri, path)}: the file's fully qualified URI and its path relative
 * to the root, the key the output and an index use. Either listed by Spark's {@code binaryFile} source (a folder,
 * recursively, or a glob), or read from a Parquet or CSV file with a {@code path} column (paths relative to the root).
 */
final class InputFiles {

    private static final String IMAGE_NAME = "\\.("
            + String.join("|", ImageWalker.IMAGE_EXTENSIONS.stream().sorted().toList()) + ")$";

    /** What a path not under the root keeps in front: a leading slash, or a URI scheme such as {@code s3a:/}. */
    private static final String OUTSIDE_ROOT = "^(/|[A-Za-z][A-Za-z0-9+.-]*:/)";

    private static final Pattern OUTSIDE_ROOT_PATTERN = Pattern.compile(OUTSIDE_ROOT);

    private InputFiles() {}

    /** Whether {@code path} was not made relative to the root; a relative path may hold a colon ({@code 12:30.jpg}). */
    static boolean outsideRoot(String path) {
        return OUTSIDE_ROOT_PATTERN.matcher(path).find();
    }

    /** Every image file under a folder (recursive) or matching a glob; {@code root} is the qualified root URI. */
    static Dataset<Row> listed(SparkSession spark, String folderOrGlob, String root) {
        Dataset<Row> files = spark.read()
                .format("binaryFile")
                .option("recursiveFileLookup", "true")
                .load(folderOrGlob)
                .select(col("path").as("uri"));
        return files.filter(lower(col("uri")).rlike(IMAGE_NAME)).withColumn("path", relative(col("uri"), root));
    }

    /** The files named in the {@code path} column of a Parquet or CSV (with a header) file. */
    static Dataset<Row> fromList(SparkSession spark, String listFile, String root) {
        Dataset<Row> list = listFile.toLowerCase(Locale.ROOT).endsWith(".csv")
                ? spark.read().option("header", "true").csv(listFile)
                : spark.read().parquet(listFile);
        if (!java.util.Arrays.asList(list.columns()).contains("path")) {
            throw new IllegalArgumentException(
                    listFile + ": no 'path' column (has " + String.join(", ", list.columns()) + ")");
        }
        Column path = relative(col("path"), root);
        return list.select(
                when(path.rlike(OUTSIDE_ROOT), path)
                        .otherwise(concat(lit(root + "/"), path))
                        .as("uri"),
                path.as("path"));
    }

    /** {@code value} without the root's URI or local path in front; unchanged when it is not under the root. */
    private static Column relative(Column value, String root) {
        String rootPath = java.net.URI.create(root).getPath();
        Column stripped = regexp_replace(value, "^" + Pattern.quote(root + "/"), "");
        return regexp_replace(stripped, "^" + Pattern.quote(rootPath + "/"), "");
    }
}
