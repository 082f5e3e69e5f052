package dev.lookalike.cli;

import dev.lookalike.Lookalike;
import dev.lookalike.indexing.IndexingOptions;
import dev.lookalike.indexing.IndexingReport;
import dev.lookalike.model.ModelSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code index DIR --index PATH}: embeds every image under a folder into a durable index. */
@Command(
        name = "index",
        mixinStandardHelpOptions = true,
        description = {
            "Add or update every image under DIR (recursive) in the index at PATH.",
            "Resumable: a run that is interrupted continues where it stopped; unchanged files are not embedded again.",
            "Unreadable files are skipped and listed (exit 0) unless --strict."
        },
        subcommands = {
            IndexInfoCommand.class,
            IndexExportCommand.class,
            IndexImportCommand.class,
            IndexExportParquetCommand.class,
            IndexImportParquetCommand.class
        })
final class IndexCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The folder of images.")
    Path dir;

    @Option(names = "--index", paramLabel = "PATH", description = "The index (a directory; created if missing).")
    Path index;

    @Option(
            names = "--models",
            split = ",",
            paramLabel = "M[,M...]",
            defaultValue = "clip,dinov2",
            description = "Models to index with (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "16",
            description = "Images per inference call and per commit (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--workers",
            paramLabel = "N",
            defaultValue = "0",
            description = "Decoding threads (default: 0, chosen as the run goes: few when the models limit it, every"
                    + " core when decoding does; --debug shows the choice).")
    int workers;

    @Option(names = "--prune", description = "Remove entries whose files are gone.")
    boolean prune;

    @Option(names = "--strict", description = "Fail at the first unreadable image instead of skipping it.")
    boolean strict;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DecodeMixin decoding;

    @Override
    public Integer call() throws Exception {
        if (dir == null || index == null) {
            throw new ParameterException(spec.commandLine(), "index needs a folder DIR and --index PATH");
        }
        ToolContext context = ToolContext.of(spec);
        IndexingReport report;
        try (Lookalike lookalike = context.lookalike(decoding.options(), modelOptions)) {
            List<ModelSpec> specs = modelOptions.names(models).stream()
                    .map(String::strip)
                    .distinct()
                    .map(lookalike.catalog()::get)
                    .toList();
            report = lookalike.index(dir, index, specs, new IndexingOptions(batch, workers, prune, strict));
        }
        print(context.out(), report);
        report.split()
                .ifPresent(split -> context.debug(
                        "stage split: %s; ONNX Runtime intra-op threads per model: %s",
                        split.describe(),
                        context.inferenceThreads() == 0 ? "one per core" : context.inferenceThreads()));
        return ExitCode.OK;
    }

    private void print(PrintWriter out, IndexingReport report) {
        out.printf(
                Locale.ROOT,
                "%s -> %s: %d images found, %d embedded, %d unchanged, %d skipped%s, %d pruned"
                        + " in %.1f s (%.1f images/s)%n",
                dir,
                index,
                report.found(),
                report.embedded(),
                report.unchanged(),
                report.skipped().size(),
                report.stillUnreadable() > 0 ? " (+" + report.stillUnreadable() + " still unreadable)" : "",
                report.pruned().size(),
                report.elapsed().toMillis() / 1000.0,
                report.imagesPerSecond());
        for (IndexingReport.Skipped skipped : report.skipped()) {
            out.println("  skipped " + skipped.path() + ": " + skipped.error());
        }
    }
}
