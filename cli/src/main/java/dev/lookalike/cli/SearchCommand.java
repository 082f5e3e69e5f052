package dev.lookalike.cli;

import dev.lookalike.Lookalike;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.report.ResultJson;
import dev.lookalike.report.SearchPage;
import dev.lookalike.report.Thumbnails;
import dev.lookalike.search.ModelSelection;
import dev.lookalike.search.SearchHit;
import dev.lookalike.search.SearchResults;
import dev.lookalike.search.VectorSearcher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code search IMG --index PATH} or {@code search --text "..." --index PATH}: the nearest indexed images, per
 * model, side by side.
 */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Find the indexed images most similar to IMG, or to a sentence (--text), for each model,"
                    + " side by side.",
            "Searches a local index (--index) or a SolrCloud collection (--solr, --collection)."
        })
final class SearchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "IMG", arity = "0..1", description = "The query image (or give --text).")
    Path query;

    @Option(
            names = "--text",
            paramLabel = "TEXT",
            description = "Search by a sentence instead of an image, with the models that have a text side (CLIP).")
    String text;

    @Mixin
    SearchBackendOptions backend;

    @Option(
            names = "-k",
            paramLabel = "K",
            defaultValue = "5",
            description = "Results per model (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--models",
            split = ",",
            paramLabel = "M[,M...]",
            description = "Models to search with, and fusions such as clip+dinov2 (mean cosine) or clip+dinov2:rrf"
                    + " (default: every model in the index).")
    List<String> models;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(
            names = "--html",
            paramLabel = "OUT.html",
            description = "Also write a page with the results as thumbnails.")
    Path html;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DecodeMixin decoding;

    @Override
    public Integer call() throws Exception {
        if (k < 1) {
            throw new UsageException("-k must be at least 1, got " + k);
        }
        if ((query == null) == (text == null)) {
            throw new UsageException(
                    "give either a query image IMG or --text, not " + (query == null ? "neither" : "both"));
        }
        if (text != null) {
            TextQueries.require(text);
        }
        ToolContext context = ToolContext.of(spec);
        try (VectorSearcher searcher = backend.open(spec);
                Lookalike lookalike = context.lookalike(decoding.options(), modelOptions)) {
            List<String> names = modelOptions.names(models);
            if (names == null) {
                names = new ArrayList<>(searcher.models().keySet());
            }
            SearchResults results;
            if (text != null) {
                List<ModelSpec> specs = TextQueries.withTextSide(context, lookalike, names);
                TextQueries.noteTruncation(context, lookalike, specs.getFirst(), text);
                results = lookalike.searchText(searcher, text, specs, k);
            } else {
                results = lookalike.search(searcher, query, ModelSelection.of(names), k);
            }
            if (json) {
                Json.print(context.out(), ResultJson.search(results));
            } else {
                printSideBySide(context.out(), results);
            }
            if (html != null) {
                SearchPage page = new SearchPage(SearchBackendOptions.root(searcher), new Thumbnails());
                SearchPage.Header header = new SearchPage.Header("lookalike search", backend.source(), Instant.now());
                if (text != null) {
                    page.writeTextQueries(html, header, List.of(results));
                } else {
                    page.write(html, header, List.of(results));
                }
                context.note("wrote %s", html);
            }
        }
        return ExitCode.OK;
    }

    /** One row per rank, one column per model: path and score. */
    static void printSideBySide(PrintWriter out, SearchResults results) {
        out.println("query: " + results.query());
        List<String> modelNames = new ArrayList<>(results.byModel().keySet());
        int rows =
                results.byModel().values().stream().mapToInt(List::size).max().orElse(0);
        int width = results.byModel().values().stream()
                .flatMap(List::stream)
                .mapToInt(hit -> cell(hit).length())
                .max()
                .orElse(0);
        StringBuilder header = new StringBuilder(String.format("%-5s", "rank"));
        modelNames.forEach(name -> header.append(String.format("%-" + (width + 2) + "s", name)));
        out.println(header.toString().stripTrailing());
        for (int r = 0; r < rows; r++) {
            StringBuilder line = new StringBuilder(String.format("%-5d", r + 1));
            for (String name : modelNames) {
                List<SearchHit> hits = results.byModel().get(name);
                String cell = r < hits.size() ? cell(hits.get(r)) : "";
                line.append(String.format("%-" + (width + 2) + "s", cell));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String cell(SearchHit hit) {
        String path = hit.path().length() > 48
                ? "..." + hit.path().substring(hit.path().length() - 45)
                : hit.path();
        return String.format(java.util.Locale.ROOT, "%s %6.1f%%", path, hit.score() * 100);
    }
}
