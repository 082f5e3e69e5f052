package dev.lookalike.cli;

import dev.lookalike.Lookalike;
import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.hub.HubSettings;
import dev.lookalike.hub.ModelHub;
import dev.lookalike.image.DecodeOptions;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.ModelCatalog;
import dev.lookalike.progress.ProgressReporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** What every command gets from the global options: streams, the hub, and the library's front door. */
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

    /** {@code --threads}, or every available processor when it is 0. */
    int threads() {
        return root.threads > 0 ? root.threads : Runtime.getRuntime().availableProcessors();
    }

    boolean quiet() {
        return root.quiet;
    }

    /** One warning line on stderr, even with {@code --quiet}: something was left out, the work goes on. */
    void warn(String message) {
        err().println("lookalike: warning: " + message);
        err().flush();
    }

    /** Prints a diagnostic line on stderr with {@code --debug}. */
    void debug(String format, Object... args) {
        if (root.debug) {
            err().printf(java.util.Locale.ROOT, format + "%n", args);
            err().flush();
        }
    }

    /** ONNX Runtime's intra-op threads per model: {@code --threads}, or 0 for one per core. */
    int inferenceThreads() {
        return root.threads;
    }

    /** Prints a note on stderr unless {@code --quiet}. */
    void note(String format, Object... args) {
        if (!root.quiet) {
            err().printf(java.util.Locale.ROOT, format + "%n", args);
            err().flush();
        }
    }

    /** The state directory: {@code --home}, else {@code $LOOKALIKE_HOME}, else {@code ~/.cache/lookalike}. */
    Path home() {
        return HubSettings.resolveHome(root.home, root.environment);
    }

    /** Progress on stderr: a bar on a terminal, plain lines otherwise, nothing with {@code --quiet}. */
    ProgressReporter progress() {
        return ProgressReporter.forConsole(root.quiet, Terminal.isInteractive(), System.err);
    }

    private HubSettings hubSettings() {
        return HubSettings.fromEnvironment(root.home, root.environment);
    }

    /** The hub and cache configured from {@code --home} and the HF_* environment variables. */
    ModelHub hub() {
        return new ModelHub(hubSettings(), progress());
    }

    /** The built-in models plus those declared in {@code HOME/models.json}. */
    ModelCatalog catalog() throws IOException {
        return ModelCatalog.load(home());
    }

    /** The library configured from the global options and the given decoding; close it after use. */
    Lookalike lookalike(DecodeOptions decoding) throws IOException {
        return lookalike(decoding, catalog());
    }

    /** The library configured as {@link #lookalike(DecodeOptions)}, its catalog with the {@code --model-dir} model. */
    Lookalike lookalike(DecodeOptions decoding, ModelOptions models) throws IOException {
        return lookalike(decoding, models.catalog(catalog()));
    }

    private Lookalike lookalike(DecodeOptions decoding, ModelCatalog catalog) {
        Lookalike lookalike = Lookalike.builder()
                .catalog(catalog)
                .hub(hubSettings())
                .embedder(new EmbedderOptions(root.threads, root.device))
                .decoding(decoding)
                .progress(progress())
                .build();
        noteJpegDecoder(lookalike.decoder());
        return lookalike;
    }

    /** One line on stderr when JPEGs decode without libjpeg-turbo. */
    private void noteJpegDecoder(ImageDecoder decoder) {
        if (!decoder.usesLibjpegTurbo()) {
            note(
                    "note: JPEGs decode with %s: the same pixels, about 3x slower, and --decode fast cannot scale them;"
                            + " install libjpeg-turbo's TurboJPEG library (Debian: libturbojpeg0) and run on Java 22+",
                    decoder.jpegDecoder());
        }
    }

    /** The library with the default decoding. */
    Lookalike lookalike() throws IOException {
        return lookalike(DecodeOptions.DEFAULT);
    }
}
