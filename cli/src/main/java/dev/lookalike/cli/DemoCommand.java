package dev.lookalike.cli;

import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.BuiltinModels;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelLoader;
import dev.lookalike.search.Similarity;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: the main job for a first-time user, on the sample photos kept in the repository. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Pull CLIP and DINOv2 and compare sample photos with both, side by side.")
final class DemoCommand implements Callable<Integer> {

    /** Two buses, then a bus and a bunch of bananas: a similar pair and a dissimilar one. */
    private static final List<String[]> PAIRS = List.of(
            new String[] {"000000001584.jpg", "000000002006.jpg"},
            new String[] {"000000001584.jpg", "000000002587.jpg"});

    @Spec
    CommandSpec spec;

    @Option(names = "--samples", paramLabel = "DIR",
            description = "The sample photos (default: samples/coco in the lookalike checkout).")
    Path samples;

    @Mixin
    DecodeMixin decoding;

    @Override
    public Integer call() throws Exception {
        ToolContext context = ToolContext.of(spec);
        Path dir = samples != null ? samples : defaultSamples();
        ImageDecoder decoder = decoding.decoder();
        ModelLoader loader = context.loader();
        PrintWriter out = context.out();
        try (ImageModel clip = loader.load(BuiltinModels.CLIP); ImageModel dinov2 = loader.load(BuiltinModels.DINOV2)) {
            out.printf(Locale.ROOT, "%-36s %8s %8s%n", "pair", "clip", "dinov2");
            for (String[] pair : PAIRS) {
                DecodedImage a = decoder.decode(dir.resolve(pair[0]));
                DecodedImage b = decoder.decode(dir.resolve(pair[1]));
                out.printf(Locale.ROOT, "%-36s %7.1f%% %7.1f%%%n", pair[0] + " vs " + pair[1],
                        Similarity.between(clip, a, b).score() * 100, Similarity.between(dinov2, a, b).score() * 100);
            }
        }
        return ExitCode.OK;
    }

    /** samples/coco beside the launcher: the jar lives in cli/target of the checkout. */
    private static Path defaultSamples() throws URISyntaxException {
        Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("samples").resolve("coco");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of("samples", "coco");
    }
}
