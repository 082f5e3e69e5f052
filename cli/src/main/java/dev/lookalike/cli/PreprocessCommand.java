package dev.lookalike.cli;

import dev.lookalike.Lookalike;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.npy.NpyArray;
import dev.lookalike.preprocess.Preprocessor;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code preprocess IMG... --model M --out F.npy}: the exact model input, N x 3 x H x W. */
@Command(
        name = "preprocess",
        mixinStandardHelpOptions = true,
        description =
                "Write the exact model input for images (N x 3 x H x W float32 .npy), as the model's preprocessor_config.json defines it.")
final class PreprocessCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IMG", description = "Image files.")
    List<Path> images;

    @Option(
            names = "--model",
            paramLabel = "M",
            defaultValue = "clip",
            description = "Model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--out", required = true, paramLabel = "F.npy", description = "Output file.")
    Path out;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DecodeMixin decoding;

    @Override
    public Integer call() throws Exception {
        ToolContext context = ToolContext.of(spec);
        ModelSpec modelSpec = modelOptions.spec(model, context.catalog());
        Preprocessor preprocessor;
        try (Lookalike lookalike = context.lookalike()) {
            preprocessor = lookalike.preprocessor(modelSpec);
        }
        ImageDecoder decoder = new ImageDecoder(decoding.options()).forResizeEdge(preprocessor.resizeEdge());
        int[] shape = preprocessor.inputShape();
        int size = shape[0] * shape[1] * shape[2];
        float[] data = new float[Math.multiplyExact(images.size(), size)];
        FloatBuffer buffer = FloatBuffer.wrap(data);
        for (int i = 0; i < images.size(); i++) {
            preprocessor.preprocess(
                    decoder.decode(images.get(i)), buffer.duplicate().position(i * size));
        }
        new NpyArray(new int[] {images.size(), shape[0], shape[1], shape[2]}, data).write(out);
        if (!context.quiet()) {
            context.err()
                    .printf(
                            "wrote %d x %d x %d x %d inputs (%s) to %s%n",
                            images.size(), shape[0], shape[1], shape[2], modelSpec.name(), out);
        }
        return ExitCode.OK;
    }
}
