package dev.lookalike.cli;

import dev.lookalike.io.AtomicFile;
import dev.lookalike.knn.faiss.FaissFlatFile;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredVectors;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code index export PATH --model M --faiss OUT.index}: one model's vectors as a FAISS flat index. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Write one model's vectors as a FAISS IndexFlatL2 (or IndexFlatIP) file that faiss.read_index loads,",
            "rows in the index's order (sorted paths); --ids writes the matching paths, one per line."
        })
final class IndexExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "The index.")
    Path index;

    @Option(names = "--model", required = true, paramLabel = "M", description = "The model whose vectors to export.")
    String model;

    @Option(names = "--faiss", required = true, paramLabel = "OUT.index", description = "The FAISS file to write.")
    Path faiss;

    @Option(
            names = "--ids",
            paramLabel = "OUT.txt",
            description = "Also write the image paths, one per line, in row order.")
    Path ids;

    @Option(
            names = "--metric",
            paramLabel = "l2|ip",
            defaultValue = "l2",
            description = "IndexFlatL2 (l2, the article's) or IndexFlatIP (ip) (default: ${DEFAULT-VALUE}).")
    String metric;

    @Override
    public Integer call() throws Exception {
        FaissFlatFile.Metric faissMetric = switch (metric.toLowerCase(java.util.Locale.ROOT)) {
            case "l2" -> FaissFlatFile.Metric.L2;
            case "ip" -> FaissFlatFile.Metric.INNER_PRODUCT;
            default -> throw new UsageException("--metric must be l2 or ip, got " + metric);
        };
        StoredVectors vectors;
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            vectors = store.vectors(model);
        }
        FaissFlatFile.write(faiss, vectors.data(), vectors.count(), vectors.dimension(), faissMetric);
        if (ids != null) {
            byte[] lines = (String.join("\n", vectors.paths()) + "\n").getBytes(StandardCharsets.UTF_8);
            AtomicFile.write(ids, out -> {
                ByteBuffer buffer = ByteBuffer.wrap(lines);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            });
        }
        ToolContext.of(spec)
                .note(
                        "wrote %d x %d %s vectors to %s%s",
                        vectors.count(),
                        vectors.dimension(),
                        model,
                        faiss,
                        ids == null ? "" : " and their paths to " + ids);
        return ExitCode.OK;
    }
}
