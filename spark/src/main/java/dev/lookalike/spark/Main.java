package dev.lookalike.spark;

import dev.lookalike.embed.Device;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spark-submit --class dev.lookalike.spark.Main lookalike-spark.jar [INPUT] --out DIR ...}: the Spark job's
 * command line. Exit codes as lookalike's: 0 done, 1 failed, 2 usage error.
 */
@Command(
        name = "lookalike-spark",
        mixinStandardHelpOptions = true,
        version = "lookalike-spark 0.1.0",
        description = {
            "Embed every image under INPUT (a folder, read recursively, or a glob) or named in --list into",
            "Parquet at --out, one row per file: path, size, mtime_millis, sha256, width, height, status, error and",
            "one array<float> column per model (L2-normalised). Unreadable images are rows with status 'error'.",
            "Load the result with: lookalike index import-parquet OUT --index PATH"
        })
public final class Main implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT", description = "A folder or a glob of images.")
    String input;

    @Option(
            names = "--list",
            paramLabel = "FILE",
            description = "A Parquet or CSV (with header) file with a 'path'" + " column, paths relative to --root.")
    String list;

    @Option(
            names = "--root",
            paramLabel = "DIR",
            description = "The folder output paths are relative to (default:"
                    + " INPUT, or a glob's folders before its first wildcard).")
    String root;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "The output directory (any Hadoop" + " file system).")
    String out;

    @Option(
            names = "--models",
            split = ",",
            paramLabel = "M[,M...]",
            defaultValue = "clip,dinov2",
            description = "Models (built-ins or <home>/models.json; default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "lookalike's home on the driver: model cache and"
                    + " models.json (default: $LOOKALIKE_HOME, else ~/.cache/lookalike).")
    Path home;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "16",
            description = "Images per inference call" + " (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "0",
            description = "Tasks (default: twice" + " Spark's default parallelism).")
    int partitions;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "1",
            description = "ONNX Runtime threads per"
                    + " inference call (default: ${DEFAULT-VALUE}; each concurrent task makes its own calls, so more than"
                    + " cores / tasks oversubscribes; 0 = one per core).")
    int threads;

    @Option(
            names = "--device",
            paramLabel = "auto|cpu|cuda",
            defaultValue = "auto",
            description = "Where inference" + " runs (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(
            names = "--model-shipping",
            paramLabel = "auto|files|shared",
            defaultValue = "auto",
            description = "files: send the driver's model files with the job (SparkContext.addFile); shared: read"
                    + " them in place on a file system every executor mounts; auto: shared in local mode, else files.")
    String shipping;

    @Option(
            names = "--resume",
            description = "Embed only the images the output does not have yet (after a killed or"
                    + " partial run, or when images were added).")
    boolean resume;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "Spark master when not run by spark-submit," + " e.g. local[4].")
    String master;

    @Override
    public Integer call() throws IOException {
        JobOptions options = new JobOptions(
                input,
                list,
                root,
                out,
                models,
                home,
                batch,
                partitions,
                threads,
                Device.valueOf(device.toUpperCase(Locale.ROOT)),
                JobOptions.Shipping.valueOf(shipping.toUpperCase(Locale.ROOT)),
                resume);
        SparkSession.Builder builder = SparkSession.builder().appName("lookalike-embed");
        if (master != null) {
            builder.master(master);
        }
        JobReport report;
        try (SparkSession spark = builder.getOrCreate()) {
            report = new EmbedJob(spark).run(options);
        }
        System.out.printf(
                Locale.ROOT,
                "%s: %d embedded, %d unreadable%s in %.1f s (%.1f images/s)%n",
                report.run(),
                report.embedded(),
                report.errors(),
                report.deletedRuns() > 0 ? ", " + report.deletedRuns() + " incomplete runs of killed jobs deleted" : "",
                report.elapsed().toMillis() / 1000.0,
                report.imagesPerSecond());
        return 0;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line; returns the exit code. */
    static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            err.println("lookalike-spark: " + text.lines().findFirst().orElse(text));
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        return commandLine.execute(args);
    }
}
