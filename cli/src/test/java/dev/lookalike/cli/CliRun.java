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
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("HF_HUB_OFFLINE", "1");
        return online(environment, args);
    }

    static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    /**
     * Runs with exactly {@code env}, so without {@code HF_HUB_OFFLINE} the tool may download:
     * give it an {@code HF_ENDPOINT} on 127.0.0.1 and a {@code LOOKALIKE_HOME} in a temporary folder.
     */
    static CliRun online(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LookalikeCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), env)
                .execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The number of non-empty lines on stderr. */
    long errLines() {
        return err.lines().filter(line -> !line.isBlank()).count();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
