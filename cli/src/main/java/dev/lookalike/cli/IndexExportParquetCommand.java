package dev.lookalike.cli;

import dev.lookalike.parquet.ParquetExporter;
import dev.lookalike.store.IndexStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code index export-parquet PATH --out DIR}: an index's files and vectors as Parquet, in the Spark job's layout. */
@Command(
        name = "export-parquet",
        mixinStandardHelpOptions = true,
        description = {
            "Write every file of the index (unreadable ones as error rows) with its vectors as Parquet,",
            "in the layout the Spark job writes: DIR/_lookalike.json (root folder, models) and DIR/run-*/part-*.parquet."
        })
final class IndexExportParquetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "The index.")
    Path index;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "The directory to write (new or empty).")
    Path out;

    @Override
    public Integer call() throws Exception {
        int rows;
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            rows = ParquetExporter.export(store, out);
        }
        ToolContext.of(spec).out().printf("exported %d files from %s to %s%n", rows, index, out);
        return ExitCode.OK;
    }
}
