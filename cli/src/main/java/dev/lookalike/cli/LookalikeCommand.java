package dev.lookalike.cli;

import dev.lookalike.embed.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: global options, the subcommands, and the error handling they share. */
@Command(
        name = "lookalike",
        mixinStandardHelpOptions = true,
        versionProvider = LookalikeCommand.Version.class,
        description = "Find similar images with CLIP and DINOv2, and measure which model finds them better.",
        subcommands = {
            ModelsCommand.class,
            CompareCommand.class,
            EmbedCommand.class,
            PreprocessCommand.class,
            IndexCommand.class,
            SearchCommand.class,
            ClassifyCommand.class,
            DedupCommand.class,
            SolrCommand.class,
            DemoCommand.class,
            DatasetCommand.class,
            BenchCommand.class,
            BenchTextCommand.class,
            ServeCommand.class,
        })
public final class LookalikeCommand {

    @Option(
            names = "--home",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description = "Cache and state directory (default: $LOOKALIKE_HOME, else ~/.cache/lookalike).")
    Path home;

    @Option(
            names = "--device",
            scope = ScopeType.INHERIT,
            paramLabel = "auto|cpu|cuda",
            defaultValue = "auto",
            description = "Where models run (default: ${DEFAULT-VALUE}: CUDA when available, else CPU).")
    Device device;

    @Option(
            names = "--threads",
            scope = ScopeType.INHERIT,
            paramLabel = "N",
            defaultValue = "0",
            description = "Threads per model inference (default: all cores).")
    int threads;

    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "Print only results: no progress, no notes.")
    boolean quiet;

    @Option(
            names = "--debug",
            scope = ScopeType.INHERIT,
            description = "Print stack traces with errors, and how the cores were shared.")
    boolean debug;

    /** The process environment, or a stand-in given by tests. */
    final Map<String, String> environment;

    private LookalikeCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Runs the tool with standard streams and the process environment; returns the exit code. */
    public static int execute(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv())
                .execute(args);
    }

    /**
     * The configured command line writing to the given streams and reading settings from the
     * given environment (tests capture and stand in for them this way).
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        ErrorHandler errors = new ErrorHandler();
        CommandLine commandLine = new CommandLine(new LookalikeCommand(environment));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    /**
     * Makes the root command with the process environment, else as picocli does: for the build's
     * man page and completion generators ({@code picocli-codegen}, {@code picocli.AutoComplete}).
     */
    public static final class Factory implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            return type == LookalikeCommand.class
                    ? type.cast(new LookalikeCommand(System.getenv()))
                    : CommandLine.defaultFactory().create(type);
        }
    }

    /** The version from the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LookalikeCommand.class.getPackage().getImplementationVersion();
            return new String[] {
                "lookalike " + (version == null ? "(development build)" : version),
                "Java " + Runtime.version() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
            };
        }
    }
}
