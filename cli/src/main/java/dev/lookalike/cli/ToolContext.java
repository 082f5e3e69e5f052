package dev.lookalike.cli;

import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.hub.HubSettings;
import dev.lookalike.hub.ModelHub;
import dev.lookalike.model.ModelLoader;
import dev.lookalike.progress.ProgressReporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** What every command gets from the global options: streams, the model hub and the model loader. */
final class ToolContext {

    private final CommandSpec spec;
    private final LookalikeCommand root;

    private ToolContext(CommandSpec spec) {
        this.spec = spec;
        this.root = (LookalikeCommand) spec.root().userObject();
    }

    /** The context of the command {@code spec} belongs to. */
    static ToolContext of(CommandSpec spec) {
        return new ToolContext(spec);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    boolean quiet() {
        return root.quiet;
    }

    /** The state directory: {@code --home}, else {@code $LOOKALIKE_HOME}, else {@code ~/.cache/lookalike}. */
    Path home() {
        return HubSettings.resolveHome(root.home, root.environment);
    }

    /** Progress on stderr: a bar on a terminal, plain lines otherwise, nothing with {@code --quiet}. */
    ProgressReporter progress() {
        return ProgressReporter.forConsole(root.quiet, Terminal.isInteractive(), System.err);
    }

    /** The hub and cache configured from {@code --home} and the HF_* environment variables. */
    ModelHub hub() {
        return new ModelHub(HubSettings.fromEnvironment(root.home, root.environment), progress());
    }

    /** A loader for models with the global {@code --device} and {@code --threads}. */
    ModelLoader loader() {
        return new ModelLoader(hub(), new EmbedderOptions(root.threads, root.device));
    }
}
