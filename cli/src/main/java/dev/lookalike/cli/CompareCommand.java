package dev.lookalike.cli;

import dev.lookalike.Lookalike;
import dev.lookalike.hash.PerceptualHash;
import dev.lookalike.model.ComputedModelSpec;
import dev.lookalike.model.ModelCatalog;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.report.ResultJson;
import dev.lookalike.search.ModelSelection;
import dev.lookalike.search.Similarity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code compare A B} or {@code compare --text "..." IMG}: cosine similarity and score, per model. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compare two images: per model, the cosine similarity and score = (cosine + 1) / 2.",
            "With --text, compare a sentence with one image (models with a text side)."
        })
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "The first image.")
    Path a;

    @Parameters(index = "1", arity = "0..1", paramLabel = "B", description = "The second image (none with --text).")
    Path b;

    @Option(names = "--text", paramLabel = "TEXT", description = "Compare this sentence with the image A.")
    String text;

    @Option(
            names = "--models",
            split = ",",
            paramLabel = "M[,M...]",
            defaultValue = "clip,dinov2",
            description =
                    "Models to compare with, and mean-cosine fusions such as clip+dinov2 (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DecodeMixin decoding;

    @Override
    public Integer call() throws Exception {
        ToolContext context = ToolContext.of(spec);
        if (text != null) {
            return compareText(context);
        }
        if (b == null) {
            throw new UsageException("compare needs two images A and B, or --text and one image");
        }
        List<Similarity> results = new ArrayList<>();
        ModelCatalog catalog;
        try (Lookalike lookalike = context.lookalike(decoding.options(), modelOptions)) {
            results.addAll(lookalike.compare(a, b, ModelSelection.of(modelOptions.names(models))));
            catalog = lookalike.catalog();
        }
        if (json) {
            printJson(context.out(), results, hashes(results, catalog));
        } else {
            printTable(context.out(), results, hashes(results, catalog));
        }
        return ExitCode.OK;
    }

    private int compareText(ToolContext context) throws Exception {
        TextQueries.require(text);
        if (b != null) {
            throw new UsageException("--text compares a sentence with one image; got two: " + a + ", " + b);
        }
        List<Similarity> results;
        try (Lookalike lookalike = context.lookalike(decoding.options(), modelOptions)) {
            List<ModelSpec> specs = TextQueries.withTextSide(context, lookalike, modelOptions.names(models));
            TextQueries.noteTruncation(context, lookalike, specs.getFirst(), text);
            results = lookalike.compareText(text, a, specs);
        }
        if (json) {
            Json.print(context.out(), ResultJson.compareText(text, a.toString(), results));
        } else {
            context.out().println("\"" + text + "\"  vs  " + a);
            printRows(context.out(), results, Set.of());
        }
        return ExitCode.OK;
    }

    /** The names of the perceptual-hash models, whose results also give the Hamming distance. */
    private static Set<String> hashes(List<Similarity> results, ModelCatalog catalog) {
        return results.stream()
                .map(Similarity::model)
                .filter(name -> catalog.find(name)
                        .map(ComputedModelSpec::isPerceptualHash)
                        .orElse(false))
                .collect(Collectors.toSet());
    }

    private void printJson(PrintWriter out, List<Similarity> results, Set<String> hashes) throws Exception {
        Json.print(out, ResultJson.compare(a.toString(), b.toString(), results, hashes));
    }

    private void printTable(PrintWriter out, List<Similarity> results, Set<String> hashes) {
        out.println(a + "  vs  " + b);
        printRows(out, results, hashes);
    }

    private static void printRows(PrintWriter out, List<Similarity> results, Set<String> hashes) {
        out.printf(Locale.ROOT, "%-12s %8s %8s%n", "model", "cosine", "score");
        for (Similarity s : results) {
            String hamming = hashes.contains(s.model())
                    ? "  hamming " + PerceptualHash.hammingFromCosine(s.cosine()) + "/" + PerceptualHash.BITS
                    : "";
            out.printf(Locale.ROOT, "%-12s %8.4f %7.1f%%%s%n", s.model(), s.cosine(), s.score() * 100, hamming);
        }
    }
}
