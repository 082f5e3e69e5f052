package dev.lookalike.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with captured streams and a controlled environment. */
record CliRun(int exitCode, String out, String err) {

    /** Fixtures shared with the core module's tests (the tests run in the cli module's folder). */
    static final Path FIXTURES = Path.of("..", "core", "src", "test", "resources", "fixtures");

    /** Runs with an environment holding only {@code env}: never the real hub, never the real cache. */
    static CliRun run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("HF_HUB_OFFLINE", "1");
        int code = LookalikeCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), environment)
                .execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    /** The number of non-empty lines on stderr. */
    long errLines() {
        return err.lines().filter(line -> !line.isBlank()).count();
    }
}
