package dev.lookalike.cli;

import dev.lookalike.Lookalike;
import dev.lookalike.model.ModelSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code index import FAISS --ids IDS --root DIR --index PATH --model M}: vectors made elsewhere into an index. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Import a FAISS IndexFlatL2/IndexFlatIP file and the image paths of its rows (one per line,",
            "relative to --root) into an index, as the vectors of --model. Each image must exist under --root."
        })
final class IndexImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FAISS.index", description = "The FAISS flat index file.")
    Path faiss;

    @Option(
            names = "--ids",
            required = true,
            paramLabel = "IDS.txt",
            description = "The image path of each row, in row order.")
    Path ids;

    @Option(
            names = "--root",
            required = true,
            paramLabel = "DIR",
            description = "The folder the image paths are relative to.")
    Path root;

    @Option(
            names = "--index",
            required = true,
            paramLabel = "PATH",
            description = "The index to add to (created if missing).")
    Path index;

    @Option(names = "--model", required = true, paramLabel = "M", description = "The model the vectors come from.")
    String model;

    @Mixin
    ModelOptions modelOptions;

    @Override
    public Integer call() throws Exception {
        ToolContext context = ToolContext.of(spec);
        ModelSpec modelSpec = modelOptions.spec(model, context.catalog());
        try (Lookalike lookalike = context.lookalike()) {
            int count = lookalike.importFaiss(faiss, ids, root, index, modelSpec);
            context.out().printf("imported %d %s vectors from %s into %s%n", count, modelSpec.name(), faiss, index);
        }
        return ExitCode.OK;
    }
}
