package dev.lookalike.progress;

import java.io.PrintStream;

/** Starts progress displays for tasks; chosen once per run with {@link #forConsole}. */
public interface ProgressReporter {

    /**
     * Starts a task.
     *
     * @param task  a short name shown with every report, such as a file name
     * @param done  units already done before this run (a resumed download), 0 otherwise
     * @param total units in the whole task including {@code done}, or -1 when unknown
     * @param unit  what the units are
     */
    Progress start(String task, long done, long total, ProgressUnit unit);

    /** Starts a task from zero; see {@link #start(String, long, long, ProgressUnit)}. */
    default Progress start(String task, long total, ProgressUnit unit) {
        return start(task, 0, total, unit);
    }

    /** A reporter that shows nothing, for {@code --quiet} and for library callers. */
    static ProgressReporter silent() {
        return SilentProgress.REPORTER;
    }

    /**
     * The reporter for a console stream: nothing when {@code quiet}, a redrawn bar when
     * {@code terminal}, otherwise a plain line every few seconds or every 10%.
     */
    static ProgressReporter forConsole(boolean quiet, boolean terminal, PrintStream out) {
        if (quiet) {
            return silent();
        }
        return terminal ? new TerminalProgressReporter(out) : new PlainProgressReporter(out);
    }
}
