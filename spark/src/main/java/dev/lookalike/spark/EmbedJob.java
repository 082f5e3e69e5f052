package dev.lookalike.spark;

import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.hub.HubSettings;
import dev.lookalike.hub.ModelHub;
import dev.lookalike.model.ModelCatalog;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.model.ModelLoader;
import dev.lookalike.model.OnnxModelSpec;
import dev.lookalike.parquet.DatasetManifest;
import dev.lookalike.parquet.EmbeddingColumns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Embeds an image collection on Spark into a {@link dev.lookalike.parquet.DatasetLayout} directory. The driver
 * resolves the models (from the lookalike cache or a models.json directory, never downloading on executors), lists
 * the files, leaves out those a resumed output has, and writes one new run; the executors do the embedding with
 * {@link PartitionEmbedder}.
 */
public final class EmbedJob {

    private final SparkSession spark;

    /** @param spark the session to run in (local or on a cluster) */
    public EmbedJob(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * Runs the job.
     *
     * @throws IllegalArgumentException for bad options, an unknown model, or an output that does not fit the job
     * @throws IOException when the models or the output cannot be read or written
     */
    public JobReport run(JobOptions options) throws IOException {
        long start = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String root = qualifiedRoot(options, conf);
        List<OnnxModelSpec> specs = specs(options);
        List<ModelIdentity> identities = new ArrayList<>();
        List<ShippedModel> shipped = new ArrayList<>();
        ModelLoader loader =
                new ModelLoader(new ModelHub(HubSettings.fromEnvironment(options.home())), EmbedderOptions.defaults());
        for (OnnxModelSpec spec : specs) {
            Path dir = loader.fetch(spec);
            ModelIdentity identity = ModelIdentity.of(spec, dir);
            identities.add(identity);
            shipped.add(ship(options, spec, dir, identity));
        }

        OutputDataset out = new OutputDataset(options.out(), conf);
        out.prepare(new DatasetManifest(manifestRoot(root), identities), options.resume());
        int deleted = options.resume() ? out.deleteIncompleteRuns() : 0;

        Dataset<Row> files = (options.list() != null
                        ? InputFiles.fromList(spark, options.list(), root)
                        : InputFiles.listed(spark, options.input(), root))
                .dropDuplicates(EmbeddingColumns.PATH);
        if (options.resume()) {
            Dataset<Row> done = out.committedPaths(spark);
            files = files.join(
                    done, files.col(EmbeddingColumns.PATH).equalTo(done.col(EmbeddingColumns.PATH)), "left_anti");
        }
        int partitions = options.partitions() > 0
                ? options.partitions()
                : 2 * spark.sparkContext().defaultParallelism();
        JavaRDD<Row> rows = files.select("uri", EmbeddingColumns.PATH)
                .repartition(partitions)
                .javaRDD()
                .mapPartitions(
                        new PartitionEmbedder(shipped, options.batchSize(), options.threads(), options.device(), conf));
        String run = out.newRun().toString();
        spark.createDataFrame(rows, SparkSchema.of(identities)).write().parquet(run);

        Map<String, Long> counts =
                spark.read().parquet(run).groupBy(EmbeddingColumns.STATUS).count().collectAsList().stream()
                        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        return new JobReport(
                run,
                counts.getOrDefault(EmbeddingColumns.OK, 0L),
                counts.getOrDefault(EmbeddingColumns.FAILED, 0L),
                deleted,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private List<OnnxModelSpec> specs(JobOptions options) throws IOException {
        ModelCatalog catalog = ModelCatalog.load(HubSettings.resolveHome(options.home(), System.getenv()));
        List<OnnxModelSpec> specs = new ArrayList<>();
        for (String name : options.models()) {
            if (!(catalog.get(name.trim()) instanceof OnnxModelSpec spec)) {
                throw new IllegalArgumentException("the Spark job embeds ONNX models; " + name.trim() + " is computed,"
                        + " index it with 'lookalike index' instead");
            }
            EmbeddingColumns.requireModelColumn(spec.name());
            specs.add(spec);
        }
        return specs;
    }

    private ShippedModel ship(JobOptions options, OnnxModelSpec spec, Path dir, ModelIdentity identity)
            throws IOException {
        ShippedModel.SerializableIdentity id = ShippedModel.SerializableIdentity.of(identity);
        boolean local = spark.sparkContext().isLocal();
        boolean shared = options.shipping() == JobOptions.Shipping.SHARED
                || options.shipping() == JobOptions.Shipping.AUTO && local;
        if (shared) {
            return new ShippedModel(id, spec.onnxFile(), dir.toAbsolutePath().toString());
        }
        ShippedModel model = new ShippedModel(id, spec.onnxFile(), null);
        // SparkFiles are flat and named by file name: stage each file under a name unique to the model (a hard link
        // where possible; Spark resolves symbolic links to their target's name).
        Path staging = Files.createTempDirectory("lookalike-ship");
        for (String file : model.files()) {
            Path staged = staging.resolve(model.shippedName(file));
            try {
                Files.createLink(staged, dir.resolve(file));
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(dir.resolve(file), staged);
            }
            spark.sparkContext().addFile(staged.toString());
        }
        return model;
    }

    /** The root as a qualified URI without a trailing slash: what listed file URIs start with. */
    private static String qualifiedRoot(JobOptions options, Configuration conf) throws IOException {
        String root = options.root() != null ? options.root() : globPrefix(options.input());
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(root);
        String qualified = path.getFileSystem(conf).makeQualified(path).toString();
        return qualified.endsWith("/") ? qualified.substring(0, qualified.length() - 1) : qualified;
    }

    /** The folders before a glob's first wildcard: {@code /data/2024/*&#47;*.jpg} gives {@code /data/2024}. */
    static String globPrefix(String input) {
        int wildcard = indexOfAny(input, "*?[{");
        if (wildcard < 0) {
            return input;
        }
        int slash = input.lastIndexOf('/', wildcard);
        if (slash <= 0) {
            throw new IllegalArgumentException(
                    input + ": a glob needs a fixed folder before its first wildcard, or --root");
        }
        return input.substring(0, slash);
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** A local root as a plain path (as {@code index} records it), any other as its URI. */
    private static String manifestRoot(String root) {
        java.net.URI uri = java.net.URI.create(root);
        return "file".equals(uri.getScheme()) ? uri.getPath() : root;
    }
}
