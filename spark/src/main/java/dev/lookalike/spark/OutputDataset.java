package dev.lookalike.spark;

import static org.apache.spark.sql.functions.col;

import dev.lookalike.parquet.DatasetLayout;
import dev.lookalike.parquet.DatasetManifest;
import dev.lookalike.parquet.EmbeddingColumns;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The job's output directory on any Hadoop file system, in {@link DatasetLayout}: the manifest, committed runs
 * (Spark's commit protocol writes {@code _SUCCESS} last), and the runs a killed job left behind.
 */
final class OutputDataset {

    private final Path dir;
    private final FileSystem fs;

    OutputDataset(String dir, Configuration conf) throws IOException {
        Path path = new Path(dir);
        this.fs = path.getFileSystem(conf);
        this.dir = fs.makeQualified(path);
    }

    Path dir() {
        return dir;
    }

    /**
     * Writes the manifest of a new output, or checks a resumed output's against it.
     *
     * @throws IllegalArgumentException when the output holds runs and {@code resume} is off, or its manifest differs
     */
    void prepare(DatasetManifest manifest, boolean resume) throws IOException {
        Path file = new Path(dir, DatasetLayout.MANIFEST);
        if (!fs.exists(file)) {
            if (fs.exists(dir) && fs.listStatus(dir).length > 0) {
                throw new IllegalArgumentException(dir + " exists and is not a lookalike embeddings directory;"
                        + " choose a new or empty directory");
            }
            try (OutputStream out = fs.create(file, false)) {
                out.write(manifest.toJson());
            }
            return;
        }
        DatasetManifest existing;
        try (InputStream in = fs.open(file)) {
            existing = DatasetManifest.parse(in.readAllBytes(), file.toString());
        }
        if (!existing.equals(manifest)) {
            throw new IllegalArgumentException(dir + " holds embeddings of " + existing + ", this job makes " + manifest
                    + "; write to a new directory");
        }
        if (!resume && !committedRuns().isEmpty()) {
            throw new IllegalArgumentException(dir + " already holds embeddings; --resume embeds only the images it"
                    + " lacks, or choose a new directory");
        }
    }

    /** The committed runs, oldest first. */
    List<Path> committedRuns() throws IOException {
        List<Path> runs = new ArrayList<>();
        for (FileStatus status : runDirectories()) {
            if (fs.exists(new Path(status.getPath(), DatasetLayout.SUCCESS))) {
                runs.add(status.getPath());
            }
        }
        return runs;
    }

    /** Deletes the runs a killed job left without {@code _SUCCESS}; returns how many. */
    int deleteIncompleteRuns() throws IOException {
        int deleted = 0;
        for (FileStatus status : runDirectories()) {
            if (!fs.exists(new Path(status.getPath(), DatasetLayout.SUCCESS))) {
                fs.delete(status.getPath(), true);
                deleted++;
            }
        }
        return deleted;
    }

    /**
     * The paths the committed runs embedded (one column, {@code path}); empty when there are none. Error rows are left
     * out so that a resumed job retries them: readers take a later run's row over an earlier one's.
     */
    Dataset<Row> committedPaths(SparkSession spark) throws IOException {
        List<Path> runs = committedRuns();
        if (runs.isEmpty()) {
            return spark.emptyDataFrame()
                    .selectExpr("CAST(NULL AS STRING) AS " + EmbeddingColumns.PATH)
                    .limit(0);
        }
        return spark.read()
                .parquet(runs.stream().map(Path::toString).toArray(String[]::new))
                .where(col(EmbeddingColumns.STATUS).equalTo(EmbeddingColumns.OK))
                .select(EmbeddingColumns.PATH);
    }

    /** A path for a new run's directory. */
    Path newRun() {
        return new Path(dir, DatasetLayout.newRunName(java.time.Instant.now()));
    }

    private List<FileStatus> runDirectories() throws IOException {
        if (!fs.exists(dir)) {
            return List.of();
        }
        return Arrays.stream(fs.listStatus(dir))
                .filter(s ->
                        s.isDirectory() && DatasetLayout.isRunName(s.getPath().getName()))
                .sorted(Comparator.comparing(s -> s.getPath().getName()))
                .toList();
    }
}
