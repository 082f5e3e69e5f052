package dev.lookalike.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * docs/cli.md is the contract: every command of picocli's tree has a section ({@code ### lookalike
 * index export}) and every option and positional parameter of the command is named in it, in
 * backticks, or in a section it links to ({@code [model options](#model-options)}). The failure
 * lists exactly what is missing.
 */
class CliDocsTest {

    /** docs/cli.md at the repository root (the tests run in the cli module's folder). */
    static final Path DOCS = Path.of("..", "docs", "cli.md");

    private static final Pattern HEADING = Pattern.compile("^(#{2,3}) (.+)$", Pattern.MULTILINE);
    private static final Pattern LINK = Pattern.compile("\\]\\(#([a-z0-9-]+)\\)");

    @Test
    void everyCommandOptionAndParameterIsDocumented() throws IOException {
        Map<String, String> sections = sections(Files.readString(DOCS));
        List<String> missing = new ArrayList<>();
        for (CommandSpec command : commands(root().getCommandSpec())) {
            String title = command.qualifiedName();
            String section = sections.get(anchor(title));
            if (section == null) {
                missing.add("no section '### " + title + "'");
                continue;
            }
            String text = withLinkedSections(section, sections);
            for (OptionSpec option : command.options()) {
                if (!option.inherited()
                        && !documents(text, option.longestName())
                        && !documents(sections.get("global-options"), option.longestName())) {
                    missing.add(title + ": option " + option.longestName());
                }
            }
            for (PositionalParamSpec parameter : command.positionalParameters()) {
                if (!documents(text, parameter.paramLabel())) {
                    missing.add(title + ": parameter " + parameter.paramLabel());
                }
            }
        }
        assertEquals(List.of(), missing, "missing from docs/cli.md (document them there)");
    }

    @Test
    void theExitCodesAreTheDocumentedOnes() throws IOException {
        String codes = sections(Files.readString(DOCS)).get("exit-codes");
        for (int code : new int[] {ExitCode.OK, ExitCode.FAILED, ExitCode.USAGE, ExitCode.MODEL_UNAVAILABLE}) {
            assertTrue(codes.contains("| " + code + " |"), "exit code " + code);
        }
    }

    @Test
    void theWalkSeesNestedCommandsAndMixedInOptions() {
        List<String> names = commands(root().getCommandSpec()).stream()
                .map(CommandSpec::qualifiedName)
                .toList();
        assertTrue(names.contains("lookalike index export-parquet"), names.toString());
        CommandSpec compare = root().getSubcommands().get("compare").getCommandSpec();
        assertTrue(compare.optionsMap().containsKey("--model-dir"), "mixins are part of the command");
        assertTrue(compare.optionsMap().get("--home").inherited(), "global options are inherited");
    }

    static CommandLine root() {
        return LookalikeCommand.commandLine(
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Map.of());
    }

    /** {@code spec} and every command under it, depth first. */
    static List<CommandSpec> commands(CommandSpec spec) {
        List<CommandSpec> all = new ArrayList<>(List.of(spec));
        spec.subcommands().values().stream()
                .map(CommandLine::getCommandSpec)
                .distinct()
                .forEach(sub -> all.addAll(commands(sub)));
        return all;
    }

    /** Whether {@code text} names {@code name} in backticks, alone or at the start of a longer span. */
    private static boolean documents(String text, String name) {
        return text != null
                && Pattern.compile("`" + Pattern.quote(name) + "[`\\s\\[=]")
                        .matcher(text)
                        .find();
    }

    private static String withLinkedSections(String section, Map<String, String> sections) {
        StringBuilder text = new StringBuilder(section);
        Matcher link = LINK.matcher(section);
        while (link.find()) {
            text.append('\n').append(sections.getOrDefault(link.group(1), ""));
        }
        return text.toString();
    }

    /** Each level-2 or level-3 section's text, by the heading's GitHub anchor. */
    private static Map<String, String> sections(String markdown) {
        Map<String, String> sections = new LinkedHashMap<>();
        Matcher heading = HEADING.matcher(markdown);
        List<int[]> bounds = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        while (heading.find()) {
            bounds.add(new int[] {heading.start(), heading.end()});
            titles.add(heading.group(2));
        }
        for (int i = 0; i < titles.size(); i++) {
            int end = i + 1 < bounds.size() ? bounds.get(i + 1)[0] : markdown.length();
            sections.put(anchor(titles.get(i)), markdown.substring(bounds.get(i)[1], end));
        }
        return sections;
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
    static String anchor(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
    }
}
