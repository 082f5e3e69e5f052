package dev.lookalike.cli;

/** The exit codes of docs/cli.md. */
final class ExitCode {

    /** Success. */
    static final int OK = 0;
    /** The work failed: unreadable input, I/O error, corrupt index. */
    static final int FAILED = 1;
    /** Usage error: unknown option, missing argument, unknown model name. */
    static final int USAGE = 2;
    /** A model is unavailable: not in the cache and cannot be downloaded. */
    static final int MODEL_UNAVAILABLE = 3;

    private ExitCode() {}
}
