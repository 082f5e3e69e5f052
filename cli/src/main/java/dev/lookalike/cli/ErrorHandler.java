package dev.lookalike.cli;

import dev.lookalike.hub.ModelUnavailableException;
import dev.lookalike.model.ModelNameException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and the exit code of docs/cli.md; a stack trace only
 * with {@code --debug}. Exit code 2 means the command line is wrong and nothing else: picocli's
 * {@link ParameterException}, a {@link UsageException} or a {@link ModelNameException}. The library's
 * own {@link IllegalArgumentException}s and {@link IllegalStateException}s are failures of the work (1).
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        // One line, as docs/cli.md promises for every error; the hint rides along at its end.
        err.println("lookalike: " + e.getMessage() + " (try '"
                + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
        return ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println("lookalike: " + message(e));
        if (debug(commandLine)) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode(e);
    }

    static int exitCode(Throwable e) {
        Throwable cause = unwrap(e);
        if (cause instanceof ModelUnavailableException) {
            return ExitCode.MODEL_UNAVAILABLE;
        }
        if (cause instanceof UsageException
                || cause instanceof ModelNameException
                || cause instanceof ParameterException) {
            return ExitCode.USAGE;
        }
        return ExitCode.FAILED;
    }

    static String message(Throwable e) {
        Throwable cause = unwrap(e);
        if (cause instanceof NoSuchFileException missing) {
            return missing.getFile() + ": no such file"
                    + (missing.getReason() == null ? "" : " (" + missing.getReason() + ")");
        }
        if (cause instanceof AccessDeniedException denied) {
            return denied.getFile() + ": permission denied";
        }
        if (cause instanceof FileSystemException fs && fs.getFile() != null) {
            return fs.getFile() + ": "
                    + (fs.getReason() == null ? cause.getClass().getSimpleName() : fs.getReason());
        }
        String text = cause.getMessage();
        if (text == null || text.isBlank()) {
            return cause.getClass().getSimpleName() + " (run with --debug for details)";
        }
        String line = text.lines().findFirst().orElse(text);
        boolean expected = cause instanceof IOException
                || cause instanceof IllegalArgumentException
                || cause instanceof UsageException;
        return expected ? line : line + " (run with --debug for details)";
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof UncheckedIOException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean debug(CommandLine commandLine) {
        Object root = commandLine.getCommandSpec().root().userObject();
        return root instanceof LookalikeCommand lookalike && lookalike.debug;
    }
}
