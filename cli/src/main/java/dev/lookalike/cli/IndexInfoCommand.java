package dev.lookalike.cli;

import dev.lookalike.store.IndexStore;
import dev.lookalike.store.IndexSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code index info PATH}: what an index holds. */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = "Show an index: counts per model, models and their file hashes, skipped files, size on disk.")
final class IndexInfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "The index.")
    Path index;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        IndexSummary summary;
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            summary = store.info();
        }
        PrintWriter out = ToolContext.of(spec).out();
        if (json) {
            Json.print(out, summary.toJson());
        } else {
            printText(out, summary);
        }
        return ExitCode.OK;
    }

    private static void printText(PrintWriter out, IndexSummary summary) {
        out.println("index:     " + summary.index());
        out.println("folder:    " + summary.root());
        out.println("created:   " + summary.created() + " (lookalike " + summary.toolVersion() + ")");
        out.printf(Locale.ROOT, "files:     %d indexed, %d skipped%n", summary.okFiles(), summary.skippedFiles());
        out.printf(Locale.ROOT, "size:      %.1f MB on disk%n", summary.bytesOnDisk() / 1e6);
        out.printf(
                Locale.ROOT,
                "%-12s %8s %5s %-18s %-7s %s%n",
                "model",
                "vectors",
                "dim",
                "output",
                "pooling",
                "onnx sha256");
        for (IndexSummary.ModelSummary model : summary.models()) {
            out.printf(
                    Locale.ROOT,
                    "%-12s %8d %5d %-18s %-7s %s%n",
                    model.identity().name(),
                    model.vectors(),
                    model.identity().dimension(),
                    model.identity().output(),
                    model.identity().pooling(),
                    model.identity().definitionSha256());
        }
        for (IndexSummary.SkippedFile skipped : summary.skipped()) {
            out.println("skipped:   " + skipped.path() + ": " + skipped.error());
        }
    }
}
