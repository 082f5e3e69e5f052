package dev.lookalike.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lookalike.benchmark.CsvFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;

/**
 * The set's text files. {@code ground_truth.csv} is written last: a folder without it is not a
 * finished set.
 */
final class SetFiles {

    /** The name of the ground-truth file, DISC21's layout. */
    static final String GROUND_TRUTH = "ground_truth.csv";

    /**
     * Everything the files describe.
     *
     * @param source  the source folder
     * @param seed    the seed
     * @param photos  image files found
     * @param skipped unreadable ones
     * @param plan    the roles
     * @param made    each query's edits, in id order
     * @param background the background set's photos, in id order
     */
    record Description(
            Path source,
            long seed,
            int photos,
            List<CopyDetectionReport.Skipped> skipped,
            SetPlan plan,
            List<MadeQuery> made,
            List<String> background) {}

    private SetFiles() {}

    static void write(Path dir, Description description) throws IOException {
        writeSources(dir.resolve("sources.csv"), description.plan(), description.background());
        writeEdits(dir.resolve("edits.csv"), description.made());
        Files.writeString(dir.resolve("dataset.json"), manifest(description), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("README.txt"), readme(description), StandardCharsets.UTF_8);
        writeGroundTruth(dir.resolve(GROUND_TRUTH), description.plan());
    }

    private static void writeGroundTruth(Path file, SetPlan plan) throws IOException {
        try (CSVPrinter out = CsvFile.printer(file)) {
            out.printRecord("query_id", "reference_id");
            for (int i = 0; i < plan.queries().size(); i++) {
                SetPlan.QuerySource query = plan.queries().get(i);
                String reference = query.distractor() ? "" : CopyDetectionSetMaker.referenceId(query.reference());
                out.printRecord(CopyDetectionSetMaker.queryId(i), reference);
            }
        }
    }

    private static void writeEdits(Path file, List<MadeQuery> made) throws IOException {
        try (CSVPrinter out = CsvFile.printer(file)) {
            out.printRecord("query_id", "edits", "parameters");
            for (int i = 0; i < made.size(); i++) {
                out.printRecord(
                        CopyDetectionSetMaker.queryId(i),
                        made.get(i).edits(),
                        made.get(i).parameters());
            }
        }
    }

    private static void writeSources(Path file, SetPlan plan, List<String> background) throws IOException {
        try (CSVPrinter out = CsvFile.printer(file)) {
            out.printRecord("id", "source");
            for (int i = 0; i < plan.references().size(); i++) {
                out.printRecord(
                        CopyDetectionSetMaker.referenceId(i), plan.references().get(i));
            }
            for (int i = 0; i < plan.queries().size(); i++) {
                out.printRecord(
                        CopyDetectionSetMaker.queryId(i), plan.queries().get(i).source());
            }
            for (int i = 0; i < background.size(); i++) {
                out.printRecord(CopyDetectionSetMaker.backgroundId(i), background.get(i));
            }
        }
    }

    private static String manifest(Description d) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", "DISC21");
        json.put("recipe", "lookalike copydetect v" + EditRecipe.VERSION);
        json.put("source", d.source().toAbsolutePath().normalize().toString());
        json.put("seed", d.seed());
        json.put("photos_found", d.photos());
        json.put(
                "photos_skipped",
                d.skipped().stream()
                        .map(s -> Map.of("path", s.path(), "error", s.error()))
                        .toList());
        json.put("references", d.plan().references().size());
        json.put("queries", d.plan().queries().size());
        json.put("queries_with_match", d.plan().queries().size() - d.plan().distractors());
        json.put("distractor_queries", d.plan().distractors());
        json.put("background", d.background().size());
        json.put("jpeg_quality", Math.round(CopyDetectionSetMaker.JPEG_QUALITY * 100));
        json.put("edit_types", EditType.all().stream().map(EditType::id).toList());
        json.put("edit_counts", editCounts(d.made()));
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n";
    }

    private static Map<String, Integer> editCounts(List<MadeQuery> made) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (EditType type : EditType.all()) {
            counts.put(type.id(), (int)
                    made.stream().filter(query -> query.types().contains(type)).count());
        }
        return counts;
    }

    private static String readme(Description d) {
        List<String> lines = new ArrayList<>();
        lines.add("Copy-detection set in the DISC21 layout, made by lookalike (recipe v" + EditRecipe.VERSION + ").");
        lines.add("");
        lines.add("source: " + d.source().toAbsolutePath().normalize());
        lines.add(String.format(Locale.ROOT, "seed: %d", d.seed()));
        lines.add(String.format(
                Locale.ROOT,
                "references: %d (references/R000000.jpg ...)",
                d.plan().references().size()));
        lines.add(String.format(
                Locale.ROOT,
                "queries: %d (queries/Q00000.jpg ...), %d of them distractors",
                d.plan().queries().size(),
                d.plan().distractors()));
        if (!d.background().isEmpty()) {
            lines.add(String.format(
                    Locale.ROOT,
                    "background: %d (background/B000000.jpg ...): photos that are neither"
                            + " references nor queries, for bench --background",
                    d.background().size()));
        }
        lines.add(String.format(
                Locale.ROOT,
                "photos found: %d, left out (unreadable or duplicate): %d",
                d.photos(),
                d.skipped().size()));
        lines.add("");
        lines.add("ground_truth.csv  query_id,reference_id; an empty reference_id marks a distractor");
        lines.add("                  (an edited photo that is not among the references)");
        lines.add("edits.csv         query_id,edits,parameters; edits are '+'-joined type names in the order");
        lines.add("                  applied, from: "
                + String.join(" ", EditType.all().stream().map(EditType::id).toList()));
        lines.add("sources.csv       id,source: the photo under the source folder each image was made from");
        lines.add("dataset.json      these facts, machine-readable");
        lines.add("");
        lines.add(
                "Benchmark it: lookalike bench --queries queries --references references --ground-truth ground_truth.csv");
        return String.join("\n", lines) + "\n";
    }
}
