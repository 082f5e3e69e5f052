package dev.lookalike.cli;

import dev.lookalike.Lookalike;
import dev.lookalike.parquet.EmbeddingDataset;
import dev.lookalike.parquet.ImportReport;
import dev.lookalike.parquet.ParquetImporter;
import dev.lookalike.store.IndexStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code index import-parquet DIR --index PATH}: the Spark job's output (or an export) into a local index. */
@Command(
        name = "import-parquet",
        mixinStandardHelpOptions = true,
        description = {
            "Load embeddings written by the Spark job or by export-parquet into the index at PATH (created if",
            "missing). Refuses vectors of another model under a model's name. Resumable: a second run skips what",
            "the index already has."
        })
final class IndexImportParquetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The Parquet directory (with _lookalike.json).")
    Path dir;

    @Option(names = "--index", required = true, paramLabel = "PATH", description = "The index to add to.")
    Path index;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "4096",
            description = "Rows per committed batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Override
    public Integer call() throws Exception {
        EmbeddingDataset dataset = EmbeddingDataset.open(dir);
        ImportReport report;
        try (IndexStore store =
                IndexStore.openOrCreate(index, dataset.manifest().root(), Lookalike.VERSION)) {
            report = new ParquetImporter(batch).importInto(dataset, store);
        }
        ToolContext.of(spec)
                .out()
                .printf(
                        "%s -> %s: %d rows, %d imported, %d unchanged, %d unreadable images%n",
                        dir, index, report.rows(), report.imported(), report.unchanged(), report.errors());
        return ExitCode.OK;
    }
}
