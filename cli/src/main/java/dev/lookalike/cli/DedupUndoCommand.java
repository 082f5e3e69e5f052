package dev.lookalike.cli;

import dev.lookalike.dedup.move.MoveJournal;
import dev.lookalike.dedup.move.MoveListener;
import dev.lookalike.dedup.move.MoveUndo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dedup undo DIR}: every file {@code dedup --move-to DIR} moved goes back, byte for byte. */
@Command(
        name = "undo",
        mixinStandardHelpOptions = true,
        description = {
            "Put back every file that dedup --move-to DIR moved, as its journal DIR/" + MoveJournal.NAME
                    + " lists them, whatever moment a crash or kill interrupted the moves; copies not yet in place are"
                    + " removed. Afterwards the journal is renamed lookalike-moves.undone-TIMESTAMP.csv.",
            "The index forgot the moved files: 'lookalike index ROOT --index PATH' adds them back (embedding them"
                    + " again). A file changed in the meantime is left in both places and reported (exit code 1)."
        })
final class DedupUndoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The folder given to dedup --move-to.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = ToolContext.of(spec).out();
        MoveUndo.Report report = MoveUndo.undo(dir, MoveListener.NONE);
        out.printf(
                Locale.ROOT,
                "restored %d files to their places (%d had not moved or were back already)%n",
                report.restored().size(),
                report.untouched());
        for (String conflict : report.conflicts()) {
            out.println("  left as it is: " + conflict);
        }
        if (!report.conflicts().isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "%d files need a look; the journal stays at %s, so undo can run again%n",
                    report.conflicts().size(),
                    report.journal());
            return ExitCode.FAILED;
        }
        out.println("journal kept as " + report.journal() + "; 'lookalike index ROOT --index PATH' re-adds the files");
        return ExitCode.OK;
    }
}
