package dev.lookalike.cli;

import dev.lookalike.dataset.CopyDetectionOptions;
import dev.lookalike.dataset.CopyDetectionReport;
import dev.lookalike.dataset.CopyDetectionSetMaker;
import dev.lookalike.dataset.DuplicateSetMaker;
import dev.lookalike.dataset.DuplicateSetOptions;
import dev.lookalike.dataset.DuplicateSetReport;
import dev.lookalike.image.ImageDecoder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dataset copydetect}: benchmark sets made from the user's own photos. */
@Command(
        name = "dataset",
        mixinStandardHelpOptions = true,
        description = "Make benchmark sets from a folder of photos.",
        subcommands = {DatasetCommand.CopyDetect.class, DatasetCommand.Duplicates.class})
final class DatasetCommand {

    @Command(
            name = "copydetect",
            mixinStandardHelpOptions = true,
            description = {
                "Make a copy-detection set in the DISC21 layout from the photos under SRC (recursive):",
                "OUT/references/R000000.jpg..., OUT/queries/Q00000.jpg... (edited copies: crops, rotations, flips,"
                        + " colour changes, grayscale, blur, JPEG artefacts, text and emoji overlays, padding,"
                        + " perspective, compositing into another photo; one to three each),",
                "OUT/ground_truth.csv (query_id,reference_id; empty for distractors), OUT/edits.csv, OUT/sources.csv,"
                        + " OUT/dataset.json. The same photos and seed give the same bytes.",
                "OUT must not exist or be empty. Unreadable photos are skipped and listed."
            })
    static final class CopyDetect implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SRC", description = "The folder of photos.")
        Path source;

        @Parameters(index = "1", paramLabel = "OUT", description = "Where to write the set (new or empty folder).")
        Path out;

        @Option(
                names = "--references",
                paramLabel = "N",
                description = "Reference images (default: every readable photo not held out for distractors).")
        Integer references;

        @Option(
                names = "--queries",
                paramLabel = "N",
                description = "Query images (default: a quarter of the photos, or of --references when given);"
                        + " more queries with a match than references copy some references several times.")
        Integer queries;

        @Option(
                names = "--copies-per-reference",
                paramLabel = "N",
                description = "Queries per copied reference: the queries with a match come in groups of N copies"
                        + " of one reference (default: spread over every reference as evenly as possible).")
        Integer copiesPerReference;

        @Option(
                names = "--distractor-fraction",
                paramLabel = "F",
                defaultValue = "0.2",
                description = "Share of queries made from photos held out of the references, in [0, 1)"
                        + " (default: ${DEFAULT-VALUE}).")
        double distractorFraction;

        @Option(
                names = "--background",
                paramLabel = "N",
                defaultValue = "0",
                description = "Also hold N photos out into OUT/background/B000000.jpg...: never references, never"
                        + " queries nor pasted into one, for 'bench --background' (default: ${DEFAULT-VALUE}).")
        int background;

        @Mixin
        SetMaking making;

        @Override
        public Integer call() throws Exception {
            ToolContext context = ToolContext.of(spec);
            CopyDetectionOptions options = UsageException.checking(() -> new CopyDetectionOptions(
                    optional(references),
                    optional(queries),
                    distractorFraction,
                    optional(copiesPerReference),
                    making.seed,
                    making.workers(),
                    background));
            CopyDetectionReport report =
                    new CopyDetectionSetMaker(options, new ImageDecoder()).make(source, out, context.progress());
            print(context.out(), report);
            return ExitCode.OK;
        }

        private void print(PrintWriter out, CopyDetectionReport report) {
            out.printf(
                    Locale.ROOT,
                    "%s -> %s: %d photos found, %d skipped; %d references, %d queries (%d distractors)"
                            + "%s in %.1f s (%.1f images/s)%n",
                    source,
                    report.out(),
                    report.photos(),
                    report.skipped().size(),
                    report.references(),
                    report.queries(),
                    report.distractors(),
                    report.background() > 0 ? ", " + report.background() + " background" : "",
                    report.elapsed().toMillis() / 1000.0,
                    report.imagesPerSecond());
            out.println("  edits: "
                    + report.editCounts().entrySet().stream()
                            .map(entry -> entry.getKey().id() + " " + entry.getValue())
                            .collect(Collectors.joining(", ")));
            for (CopyDetectionReport.Skipped skipped : report.skipped()) {
                out.println("  skipped " + skipped.path() + ": " + skipped.error());
            }
        }
    }

    @Command(
            name = "duplicates",
            mixinStandardHelpOptions = true,
            description = {
                "Make a near-duplicate set with known groups from the photos under SRC (recursive):",
                "OUT/images/IMG_00000.jpg... holds each group's photo and one to four copies (exact, resized,"
                        + " re-compressed JPEG, re-saved PNG, small crop, EXIF-rotated, slight colour edit, screenshot"
                        + " with borders) and the other photos without copies;",
                "OUT/groups.csv (path,group,variant,parameters,source,scene; paths relative to OUT/images) is the"
                        + " ground truth for dedup --evaluate; OUT/dataset.json. The same photos and seed give the same bytes.",
                "No WebP copies: the project has no WebP encoder. OUT must not exist or be empty."
            })
    static final class Duplicates implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SRC", description = "The folder of photos.")
        Path source;

        @Parameters(index = "1", paramLabel = "OUT", description = "Where to write the set (new or empty folder).")
        Path out;

        @Option(
                names = "--groups",
                paramLabel = "N",
                description =
                        "Photos that get copies (default: half the readable photos); the rest go in without copies.")
        Integer groups;

        @Mixin
        SetMaking making;

        @Override
        public Integer call() throws Exception {
            ToolContext context = ToolContext.of(spec);
            DuplicateSetOptions options = UsageException.checking(
                    () -> new DuplicateSetOptions(optional(groups), making.seed, making.workers()));
            DuplicateSetReport report =
                    new DuplicateSetMaker(options, new ImageDecoder()).make(source, out, context.progress());
            PrintWriter printer = context.out();
            printer.printf(
                    Locale.ROOT,
                    "%s -> %s: %d photos found, %d skipped; %d groups with copies, %d photos without,"
                            + " %d images, %d photos sharing a scene, in %.1f s%n",
                    source,
                    report.out(),
                    report.photos(),
                    report.skipped().size(),
                    report.groups(),
                    report.singles(),
                    report.images(),
                    report.scenePhotos(),
                    report.elapsed().toMillis() / 1000.0);
            printer.println("  variants: "
                    + report.variantCounts().entrySet().stream()
                            .filter(e -> e.getValue() > 0)
                            .map(entry -> entry.getKey().id() + " " + entry.getValue())
                            .collect(Collectors.joining(", ")));
            for (CopyDetectionReport.Skipped skipped : report.skipped()) {
                printer.println("  skipped " + skipped.path() + ": " + skipped.error());
            }
            return ExitCode.OK;
        }
    }

    private static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    /** The options every set maker shares: its seed and its threads. */
    static final class SetMaking {
        @Option(
                names = "--seed",
                paramLabel = "S",
                defaultValue = "0",
                description = "Decides every choice (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(
                names = "--workers",
                paramLabel = "N",
                description =
                        "Threads that decode, edit and encode (default: one per core); the output does not depend on it.")
        Integer workers;

        /** The threads to use: {@code --workers}, else one per core. */
        int workers() {
            return workers == null ? Runtime.getRuntime().availableProcessors() : workers;
        }
    }
}
