package dev.lookalike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.model.BuiltinModels;
import dev.lookalike.search.ModelSelection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Exit code 2 means a wrong command line and nothing else; the library's own refusals are failures (1). */
class ErrorHandlerTest {

    @Test
    void aLibraryIllegalArgumentIsAFailureOfTheWork() {
        Outcome outcome = run(() -> new IllegalArgumentException("precomputed vectors are not from this set"));
        assertEquals(ExitCode.FAILED, outcome.code());
        assertEquals(
                "lookalike: precomputed vectors are not from this set",
                outcome.err().strip());
    }

    @Test
    void aBrokenInvariantIsAFailureOfTheWorkWithItsOneLine() {
        Outcome outcome = run(() -> new IllegalStateException("queue closed twice\nsecond line"));
        assertEquals(ExitCode.FAILED, outcome.code());
        assertEquals(
                "lookalike: queue closed twice (run with --debug for details)",
                outcome.err().strip());
    }

    @Test
    void aUsageExceptionIsAUsageError() {
        Outcome outcome = run(() -> new UsageException("-k must be at least 1, got 0"));
        assertEquals(ExitCode.USAGE, outcome.code());
        assertEquals("lookalike: -k must be at least 1, got 0", outcome.err().strip());
    }

    @Test
    void aWrongModelNameIsAUsageError() {
        assertEquals(ExitCode.USAGE, ErrorHandler.exitCode(catching(() -> BuiltinModels.get("nope"))));
        assertEquals(ExitCode.USAGE, ErrorHandler.exitCode(catching(() -> ModelSelection.of(List.of("clip+clip")))));
        assertEquals(
                ExitCode.USAGE, ErrorHandler.exitCode(catching(() -> ModelSelection.of(List.of("clip+dinov2:max")))));
    }

    @Test
    void theLibraryRefusingAValueOfTheCommandLineIsAUsageErrorWithItsMessage() {
        Outcome outcome = run(() -> UsageException.checking(() -> {
            throw new IllegalArgumentException("score normalisation 'x': 'x' is not a number");
        }));
        assertEquals(ExitCode.USAGE, outcome.code());
        assertEquals(
                "lookalike: score normalisation 'x': 'x' is not a number",
                outcome.err().strip());
    }

    @Test
    void picocliParseErrorsAreUsageErrors() {
        Outcome outcome = execute(new Throwing(() -> null), "--no-such-option");
        assertEquals(ExitCode.USAGE, outcome.code());
        assertTrue(outcome.err().contains("--no-such-option"), outcome.err());
    }

    private static Throwable catching(Supplier<?> work) {
        try {
            work.get();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("nothing thrown");
    }

    private static Outcome run(Supplier<RuntimeException> failure) {
        return execute(new Throwing(failure));
    }

    private static Outcome execute(Object command, String... args) {
        ErrorHandler errors = new ErrorHandler();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setParameterExceptionHandler(errors);
        return new Outcome(commandLine.execute(args), err.toString());
    }

    private record Outcome(int code, String err) {}

    @Command(name = "throwing")
    static final class Throwing implements Callable<Integer> {

        private final Supplier<RuntimeException> failure;

        Throwing(Supplier<RuntimeException> failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() {
            RuntimeException e = failure.get();
            if (e != null) {
                throw e;
            }
            return ExitCode.OK;
        }
    }
}
