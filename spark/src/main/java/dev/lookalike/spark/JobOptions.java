package dev.lookalike.spark;

import dev.lookalike.embed.Device;
import java.nio.file.Path;
import java.util.List;

/**
 * What an {@link EmbedJob} does.
 *
 * @param input      a folder (read recursively) or a glob of image files; null when {@code list} is given
 * @param list       a Parquet or CSV (with header) file whose {@code path} column names the images; null for input
 * @param root       the folder output paths are relative to; null to use {@code input} (or a glob's fixed prefix)
 * @param out        the output directory
 * @param models     model names, from the built-ins and {@code <home>/models.json}
 * @param home       lookalike's home on the driver (model cache, models.json); null for the default
 * @param batchSize  images per inference call
 * @param partitions tasks to split the files into; 0 for twice Spark's default parallelism
 * @param threads    ONNX Runtime intra-op threads per inference call (tasks call concurrently); 0 for one per core
 * @param device     where inference runs
 * @param shipping   how executors get the model files
 * @param resume     embed only the images the output's committed runs lack
 */
public record JobOptions(
        String input,
        String list,
        String root,
        String out,
        List<String> models,
        Path home,
        int batchSize,
        int partitions,
        int threads,
        Device device,
        Shipping shipping,
        boolean resume) {

    /** How executors get the model files. */
    public enum Shipping {
        /** {@code SHARED} in local mode, else {@code FILES}. */
        AUTO,
        /** Added to the job with {@code SparkContext.addFile}: the driver's copies reach every executor. */
        FILES,
        /** Read in place: the driver's model directories are on a file system every executor mounts. */
        SHARED
    }

    public JobOptions {
        if ((input == null) == (list == null)) {
            throw new IllegalArgumentException("give exactly one of an input folder/glob and --list");
        }
        if (list != null && root == null) {
            throw new IllegalArgumentException("--list needs --root, the folder its paths are relative to");
        }
        if (batchSize < 1 || partitions < 0 || threads < 0) {
            throw new IllegalArgumentException("--batch must be positive, --partitions and --threads not negative");
        }
        models = List.copyOf(models);
    }
}
