package dev.lookalike.cli;

import dev.lookalike.Lookalike;
import dev.lookalike.indexing.IndexingOptions;
import dev.lookalike.indexing.IndexingReport;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.report.SearchPage;
import dev.lookalike.report.Thumbnails;
import dev.lookalike.search.IndexSearcher;
import dev.lookalike.search.ModelSelection;
import dev.lookalike.search.SearchResults;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the main job for a first-time user. Pulls CLIP and DINOv2, indexes the sample
 * photos kept in the repository, searches with a few of them and writes a page showing both
 * models' answers side by side.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Pull CLIP and DINOv2, index the sample photos, search with a few of them,",
            "and write an HTML page with both models' results side by side."
        })
final class DemoCommand implements Callable<Integer> {

    /** A bus, bananas and an airplane: each has look-alikes among the samples. */
    private static final List<String> QUERIES = List.of("000000001584.jpg", "000000002587.jpg", "000000001761.jpg");

    @Spec
    CommandSpec spec;

    @Option(
            names = "--samples",
            paramLabel = "DIR",
            description = "The photos to index (default: samples/coco in the lookalike checkout).")
    Path samples;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the index and the page go (default: HOME/demo).")
    Path out;

    @Option(
            names = "--models",
            split = ",",
            paramLabel = "M[,M...]",
            defaultValue = "clip,dinov2",
            description = "The models to compare (default: ${DEFAULT-VALUE}).")
    List<String> modelNames;

    @Option(
            names = "-k",
            paramLabel = "K",
            defaultValue = "5",
            description = "Results per model (default: ${DEFAULT-VALUE}).")
    int k;

    @Override
    public Integer call() throws Exception {
        ToolContext context = ToolContext.of(spec);
        Path photos = samples != null ? samples : defaultSamples();
        Path dir = out != null ? out : context.home().resolve("demo");
        Path index = dir.resolve("index");
        try (Lookalike lookalike = context.lookalike()) {
            List<ModelSpec> models =
                    modelNames.stream().map(lookalike.catalog()::get).toList();
            context.note(
                    "loading %s (downloaded once, then cached)",
                    String.join(", ", models.stream().map(ModelSpec::source).toList()));
            lookalike.models(models);
            IndexingReport report = lookalike.index(photos, index, models, IndexingOptions.defaults());
            context.note(
                    "indexed %d photos from %s (%d embedded now, %d already indexed)",
                    report.found(), photos, report.embedded(), report.unchanged());
            List<SearchResults> results = new ArrayList<>();
            try (IndexSearcher searcher = IndexSearcher.open(index)) {
                for (String query : QUERIES) {
                    Path image = photos.resolve(query);
                    if (Files.isRegularFile(image)) {
                        SearchResults found = lookalike.search(searcher, image, ModelSelection.of(modelNames), k);
                        results.add(found);
                        SearchCommand.printSideBySide(context.out(), found);
                        context.out().println();
                    }
                }
            }
            if (results.isEmpty()) {
                throw new IllegalArgumentException(photos + " has none of the demo's query photos " + QUERIES);
            }
            Path page = dir.resolve("demo.html");
            new SearchPage(photos, new Thumbnails())
                    .write(
                            page,
                            new SearchPage.Header(
                                    "lookalike demo: " + String.join(" vs ", modelNames), index, Instant.now()),
                            results);
            context.out().println("Open " + page.toAbsolutePath() + " to see the models' answers side by side.");
        }
        return ExitCode.OK;
    }

    /** samples/coco beside the launcher: the jar lives in cli/target of the checkout. */
    private static Path defaultSamples() throws URISyntaxException {
        Path jar = Path.of(DemoCommand.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("samples").resolve("coco");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of("samples", "coco");
    }
}
