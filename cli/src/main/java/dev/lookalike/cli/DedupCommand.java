package dev.lookalike.cli;

import dev.lookalike.dedup.DuplicateFinder;
import dev.lookalike.dedup.DuplicateGroup;
import dev.lookalike.dedup.Duplicates;
import dev.lookalike.dedup.GroupMember;
import dev.lookalike.report.DuplicatesCsv;
import dev.lookalike.report.DuplicatesJson;
import dev.lookalike.report.DuplicatesPage;
import dev.lookalike.report.SearchPage;
import dev.lookalike.store.IndexStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dedup --index PATH}: groups of near-duplicate images, each with a suggested keeper. */
@Command(
        name = "dedup",
        mixinStandardHelpOptions = true,
        description = {
            "Find groups of near-duplicate images in an index: every pair whose cosine is at least the"
                    + " threshold (an exact self-join), grouped around a suggested keeper (most pixels, then largest file,"
                    + " then oldest, then path); a member is always within the threshold of its keeper. Files with the"
                    + " same SHA-256 are always one group. Groups marked with 'dedup ignore' are not shown again.",
            "Nothing is moved or deleted unless --move-to DIR is given; 'dedup undo DIR' reverses that."
        },
        subcommands = {DedupIgnoreCommand.class, DedupUndoCommand.class})
final class DedupCommand implements Callable<Integer> {

    /** Groups listed on the terminal; the files hold them all. */
    private static final int LISTED_GROUPS = 20;

    @Spec
    CommandSpec spec;

    @Mixin
    DedupSelection selection;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Write the groups and pairs as JSON.")
    Path json;

    @Option(names = "--csv", paramLabel = "OUT.csv", description = "Write one row per group member.")
    Path csv;

    @Option(
            names = "--move-to",
            paramLabel = "DIR",
            description = "Move every non-keeper into DIR under its path relative to the indexed folder, journaled"
                    + " in DIR/lookalike-moves.csv ('dedup undo DIR' puts them back); never deletes or overwrites;"
                    + " the index forgets the moved files. DIR must be outside the indexed folder.")
    Path moveTo;

    @Option(names = "--dry-run", description = "With --move-to: list what would move, and move nothing.")
    boolean dryRun;

    @Option(
            names = "--evaluate",
            paramLabel = "GROUPS.csv",
            description = "Score --model (comma-separated; default every model of the index) against a set's known"
                    + " groups (dataset duplicates): pair precision, recall and F1 at thresholds 0.50..1.00, the best"
                    + " F1's threshold; --json and --html write the sweep, the misses and the false matches.")
    Path evaluate;

    @Option(
            names = "--html",
            paramLabel = "OUT.html",
            description = "Write a self-contained review page: each group side by side, the keeper marked"
                    + " (with --evaluate: the evaluation's page).")
    Path html;

    @Override
    public Integer call() throws Exception {
        ToolContext context = ToolContext.of(spec);
        if (dryRun && moveTo == null) {
            throw new UsageException("--dry-run goes with --move-to DIR");
        }
        if (evaluate != null) {
            if (moveTo != null || csv != null || selection.threshold != null || selection.calibration != null) {
                throw new UsageException(
                        "--evaluate sweeps the thresholds itself; it takes --model, --json" + " and --html only");
            }
            DedupEvaluate.run(context, selection.index(spec), evaluate, selection.model, json, html);
            return ExitCode.OK;
        }
        Duplicates found;
        DedupSelection.Resolved resolved;
        String root;
        try (IndexStore store = IndexStore.open(selection.index(spec), IndexStore.Access.READ_ONLY)) {
            try {
                resolved = selection.resolve(store, context.threads());
                found = DuplicateFinder.find(store, resolved.request(), context.progress());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage()); // a model the index lacks, a threshold out of range
            }
            root = store.info().root();
        }
        write(context, found, root);
        printSummary(context.out(), found, resolved.thresholdSource());
        if (moveTo != null) {
            DedupMoves.run(context, selection.index(spec), found, moveTo, dryRun);
        }
        return ExitCode.OK;
    }

    private void write(ToolContext context, Duplicates found, String root) throws IOException {
        if (json != null) {
            DuplicatesJson.write(json, found);
            context.note("wrote %s", json);
        }
        if (csv != null) {
            DuplicatesCsv.write(csv, found);
            context.note("wrote %s", csv);
        }
        if (html != null) {
            new DuplicatesPage(Path.of(root), context.threads())
                    .write(html, new SearchPage.Header("lookalike dedup", selection.index(spec), Instant.now()), found);
            context.note("wrote %s", html);
        }
    }

    static void printSummary(PrintWriter out, Duplicates found, String thresholdSource) {
        out.printf(Locale.ROOT, "%s, cosine >= %s (%s)%n", found.model(), found.threshold(), thresholdSource);
        int listed = 0;
        for (DuplicateGroup group : found.groups()) {
            if (listed++ == LISTED_GROUPS) {
                out.printf(
                        Locale.ROOT,
                        "... %d more groups (--json, --csv or --html list them all)%n",
                        found.groups().size() - LISTED_GROUPS);
                break;
            }
            out.printf(
                    Locale.ROOT,
                    "keep  %s  (%s)%n",
                    group.keep().path(),
                    group.reason().text());
            for (GroupMember member : group.duplicates()) {
                out.printf(Locale.ROOT, "  %.4f  %s%n", member.cosine(), member.path());
            }
        }
        out.printf(
                Locale.ROOT,
                "%d groups, %d images, %d duplicates; moving the duplicates would free %s%s%n",
                found.groups().size(),
                found.images(),
                found.duplicateImages(),
                DuplicatesPage.bytes(found.duplicateBytes()),
                found.ignoredGroups() > 0
                        ? " (" + found.ignoredGroups() + " groups marked not duplicates hidden)"
                        : "");
    }
}
