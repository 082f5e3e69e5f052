package dev.lookalike.cli;

import dev.lookalike.Lookalike;
import dev.lookalike.hub.ModelHub;
import dev.lookalike.model.ComputedModelSpec;
import dev.lookalike.model.ModelCatalog;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.model.OnnxModelSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code models list|info|pull}: the known models and their cache. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = "List, describe and download models.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Info.class, ModelsCommand.Pull.class})
final class ModelsCommand {

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List the built-in models and whether they are cached.")
    static final class ListModels implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ToolContext context = ToolContext.of(spec);
            ModelHub hub = context.hub();
            PrintWriter out = context.out();
            out.printf(
                    Locale.ROOT,
                    "%-12s %-32s %-26s %-18s %-7s %5s  %s%n",
                    "name",
                    "source",
                    "file",
                    "output",
                    "pooling",
                    "dim",
                    "cached");
            for (ModelSpec spec : context.catalog().all()) {
                switch (spec) {
                    case OnnxModelSpec model ->
                        out.printf(
                                Locale.ROOT,
                                "%-12s %-32s %-26s %-18s %-7s %5d  %s%n",
                                model.name(),
                                model.source(),
                                model.onnxFile(),
                                model.output(),
                                pooling(model),
                                model.dimension(),
                                cached(hub, model, model.onnxFile()).isPresent() ? "yes" : "no");
                    case ComputedModelSpec model ->
                        out.printf(
                                Locale.ROOT,
                                "%-12s %-32s %-26s %-18s %-7s %5d  %s%n",
                                model.name(),
                                model.source(),
                                "-",
                                model.algorithm().output(),
                                "none",
                                model.dimension(),
                                "always");
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Describe one model and its cached files.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "A model name.")
        String name;

        @Override
        public Integer call() throws Exception {
            ToolContext context = ToolContext.of(spec);
            switch (context.catalog().get(name)) {
                case OnnxModelSpec model -> describe(context, model);
                case ComputedModelSpec model -> describe(context.out(), model);
            }
            return ExitCode.OK;
        }

        private static void describe(PrintWriter out, ComputedModelSpec model) {
            out.println("name:      " + model.name());
            out.println("source:    computed by lookalike, nothing to download");
            out.println("algorithm: " + model.algorithm().description());
            out.println("output:    " + model.algorithm().output() + " (pooling none)");
            out.println("dimension: " + model.dimension());
        }

        private static void describe(ToolContext context, OnnxModelSpec model) throws IOException {
            PrintWriter out = context.out();
            out.println("name:      " + model.name());
            out.println("source:    "
                    + model.hubRepo()
                            .map(repo -> context.hub()
                                    .url(repo, ModelHub.DEFAULT_REVISION, model.onnxFile())
                                    .toString())
                            .orElseGet(() -> model.localDir()
                                    .orElseThrow()
                                    .resolve(model.onnxFile())
                                    .toString()));
            out.println("output:    " + model.output() + " (pooling " + pooling(model) + ")");
            out.println("dimension: " + model.dimension());
            for (String file : List.of(ModelSpec.PREPROCESSOR_CONFIG, ModelSpec.CONFIG, model.onnxFile())) {
                Optional<Path> local = cached(context.hub(), model, file);
                out.println("file:      " + file + "  "
                        + (local.isPresent() ? Files.size(local.get()) + " bytes, " + local.get() : "not cached"));
            }
        }
    }

    @Command(name = "pull", mixinStandardHelpOptions = true, description = "Download models into the cache.")
    static final class Pull implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "NAME", description = "Model names.")
        List<String> names;

        @Override
        public Integer call() throws Exception {
            ToolContext context = ToolContext.of(spec);
            ModelCatalog catalog = context.catalog();
            List<ModelSpec> models = names.stream().map(catalog::get).toList();
            try (Lookalike lookalike = context.lookalike()) {
                for (ModelSpec model : models) {
                    if (model instanceof ComputedModelSpec) {
                        context.note("%s: computed by lookalike, nothing to download", model.name());
                    } else {
                        context.note("%s: ready in %s", model.name(), lookalike.fetch(model));
                    }
                }
            }
            return ExitCode.OK;
        }
    }

    private static String pooling(OnnxModelSpec model) {
        return model.pooling().name().toLowerCase(Locale.ROOT);
    }

    /**
     * The file's local path when it is there: in the cache for a hub model (complete and verified:
     * partial downloads are elsewhere), in its directory for a local one.
     */
    private static Optional<Path> cached(ModelHub hub, OnnxModelSpec model, String file) {
        Path path = model.hubRepo()
                .map(repo -> hub.cachePath(repo, ModelHub.DEFAULT_REVISION, file))
                .orElseGet(() -> model.localDir().orElseThrow().resolve(file));
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }
}
