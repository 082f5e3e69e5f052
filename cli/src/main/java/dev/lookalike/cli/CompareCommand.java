package dev.lookalike.cli;

import dev.lookalike.Lookalike;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.report.ResultJson;
import dev.lookalike.search.Similarity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code compare A B}: the cosine similarity and score of two images, per model. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two images: per model, the cosine similarity and score = (cosine + 1) / 2.")
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "The first image.")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "The second image.")
    Path b;

    @Option(names = "--models", split = ",", paramLabel = "M[,M...]", defaultValue = "clip,dinov2",
            description = "Models to compare with (default: ${DEFAULT-VALUE}).")
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
        List<ModelSpec> specs = modelOptions.resolve(models, context.catalog());
        List<Similarity> results = new ArrayList<>();
        try (Lookalike lookalike = context.lookalike(decoding.options())) {
            DecodedImage imageA = lookalike.decoder().decode(a);
            DecodedImage imageB = lookalike.decoder().decode(b);
            for (ImageModel model : lookalike.models(specs)) {
                results.add(Similarity.between(model, imageA, imageB));
            }
        }
        if (json) {
            printJson(context.out(), results);
        } else {
            printTable(context.out(), results);
        }
        return ExitCode.OK;
    }

    private void printJson(PrintWriter out, List<Similarity> results) throws Exception {
        Json.print(out, ResultJson.compare(a.toString(), b.toString(), results));
    }

    private void printTable(PrintWriter out, List<Similarity> results) {
        out.println(a + "  vs  " + b);
        out.printf(Locale.ROOT, "%-12s %8s %8s%n", "model", "cosine", "score");
        for (Similarity s : results) {
            out.printf(Locale.ROOT, "%-12s %8.4f %7.1f%%%n", s.model(), s.cosine(), s.score() * 100);
        }
    }
}
