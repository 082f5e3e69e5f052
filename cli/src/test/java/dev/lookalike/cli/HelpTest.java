package dev.lookalike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command has {@code --help}; the tool has {@code --version}. */
class HelpTest {

    /** Every command path, such as {@code [index, export]}, found by walking the command tree. */
    static Stream<List<String>> commands() {
        CommandLine root = LookalikeCommand.commandLine(
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Map.of());
        List<List<String>> paths = new ArrayList<>();
        paths.add(List.of());
        collect(root, List.of(), paths);
        return paths.stream();
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        command.getSubcommands().forEach((name, sub) -> {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(name);
            paths.add(subPath);
            collect(sub, subPath, paths);
        });
    }

    @Test
    void theTreeHoldsTheCommandsOfCliMd() {
        List<String> names = commands().map(path -> String.join(" ", path)).toList();
        for (String expected : List.of(
                "compare",
                "embed",
                "preprocess",
                "models list",
                "models info",
                "models pull",
                "index",
                "index info",
                "index export",
                "search",
                "demo",
                "dataset copydetect")) {
            assertTrue(names.contains(expected), expected + " missing from " + names);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void helpPrintsUsageAndSucceeds(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");

        CliRun run = CliRun.run(args.toArray(String[]::new));

        assertEquals(0, run.exitCode(), run::toString);
        String usage = "Usage: "
                + String.join(
                        " ",
                        Stream.concat(Stream.of("lookalike"), path.stream()).toList());
        assertTrue(run.out().startsWith(usage), run.out());
        assertTrue(run.out().contains("--help"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void versionPrintsTheVersion() {
        CliRun run = CliRun.run("--version");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().lines().findFirst().orElseThrow().matches("lookalike \\S.*"), run.out());
        assertTrue(run.out().contains("Java " + Runtime.version().feature()), run.out());
    }
}
