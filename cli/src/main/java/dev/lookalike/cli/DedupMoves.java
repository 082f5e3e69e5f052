package dev.lookalike.cli;

import dev.lookalike.dedup.DuplicateGroup;
import dev.lookalike.dedup.Duplicates;
import dev.lookalike.dedup.GroupMember;
import dev.lookalike.dedup.move.IndexMovedFiles;
import dev.lookalike.dedup.move.MoveJournal;
import dev.lookalike.dedup.move.MoveStage;
import dev.lookalike.dedup.move.SafeMoves;
import dev.lookalike.progress.Progress;
import dev.lookalike.progress.ProgressUnit;
import dev.lookalike.report.DuplicatesPage;
import dev.lookalike.store.IndexStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code dedup --move-to DIR [--dry-run]}: the non-keepers of the groups found, moved safely. */
final class DedupMoves {

    private DedupMoves() {}

    /** Checks and carries out (or, dry, lists) the moves; the index is updated for every moved file. */
    static void run(ToolContext context, Path index, Duplicates found, Path dir, boolean dryRun) throws IOException {
        PrintWriter out = context.out();
        List<String> paths = found.groups().stream()
                .map(DuplicateGroup::duplicates)
                .flatMap(List::stream)
                .map(GroupMember::path)
                .toList();
        long bytes = found.duplicateBytes();
        Path root;
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            root = Path.of(store.info().root());
        }
        List<SafeMoves.Move> moves;
        try {
            moves = SafeMoves.plan(root, paths, dir);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage()); // the move-to folder inside the indexed one
        }
        if (dryRun) {
            for (SafeMoves.Move move : moves) {
                out.println("would move " + move.source() + " -> " + move.target());
            }
            out.printf(
                    Locale.ROOT,
                    "would move %d files (%s) into %s; nothing was moved (--dry-run)%n",
                    moves.size(),
                    DuplicatesPage.bytes(bytes),
                    dir);
            return;
        }
        if (moves.isEmpty()) {
            out.println("nothing to move");
            return;
        }
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_WRITE);
                Progress bar = context.progress().start("moving duplicates", moves.size(), ProgressUnit.ITEMS)) {
            SafeMoves.move(moves, dir, new IndexMovedFiles(store), (stage, entry, file) -> {
                if (stage == MoveStage.MOVED) {
                    bar.step(1);
                }
            });
        }
        out.printf(
                Locale.ROOT,
                "moved %d files (%s) into %s, journaled in %s; the index no longer lists them;"
                        + " 'lookalike dedup undo %s' puts them back%n",
                moves.size(),
                DuplicatesPage.bytes(bytes),
                dir,
                dir.resolve(MoveJournal.NAME),
                dir);
    }
}
