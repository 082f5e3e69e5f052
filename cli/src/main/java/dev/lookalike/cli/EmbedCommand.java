package dev.lookalike.cli;

import dev.lookalike.Lookalike;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.model.TextEmbedding;
import dev.lookalike.npy.NpyArray;
import dev.lookalike.pipeline.EmbeddingPipeline;
import dev.lookalike.vector.VectorUtil;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code embed IMG... --model M --out F.npy} or {@code embed --text "..." [--text ...] --model clip --out F.npy}:
 * one vector per image or sentence, as an N x D NumPy array.
 */
@Command(
        name = "embed",
        mixinStandardHelpOptions = true,
        description = {
            "Embed images with one model and write an N x D float32 .npy file, rows in argument order.",
            "With --text (repeatable), embed sentences with the model's text side instead (CLIP)."
        })
final class EmbedCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "IMG", description = "Image files (or give --text).")
    List<Path> images;

    @Option(names = "--text", paramLabel = "TEXT", description = "A sentence to embed; repeat for more rows.")
    List<String> texts;

    @Option(
            names = "--model",
            paramLabel = "M",
            defaultValue = "clip",
            description = "Model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--normalize", description = "L2-normalise each vector.")
    boolean normalize;

    @Option(names = "--out", required = true, paramLabel = "F.npy", description = "Output file.")
    Path out;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "8",
            description = "Images per inference call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--workers",
            paramLabel = "N",
            defaultValue = "0",
            description = "Decoding threads (default: 0, chosen as the run goes, as in index).")
    int workers;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DecodeMixin decoding;

    @Override
    public Integer call() throws Exception {
        boolean byText = texts != null;
        if (byText == (images != null && !images.isEmpty())) {
            throw new UsageException("give image files or --text, not " + (byText ? "both" : "neither"));
        }
        ToolContext context = ToolContext.of(spec);
        ModelSpec modelSpec = modelOptions.spec(model, context.catalog());
        List<float[]> rows = byText ? embedTexts(context, modelSpec) : embedImages(context, modelSpec);
        write(context, modelSpec, rows);
        return ExitCode.OK;
    }

    private List<float[]> embedTexts(ToolContext context, ModelSpec modelSpec) throws Exception {
        texts.forEach(TextQueries::require);
        try (Lookalike lookalike = context.lookalike(decoding.options())) {
            List<TextEmbedding> embeddings = lookalike.textModel(modelSpec).embed(texts);
            for (int i = 0; i < embeddings.size(); i++) {
                if (embeddings.get(i).truncated()) {
                    context.note(
                            "text %d has more than %d tokens: only the first %d were read",
                            i + 1,
                            lookalike.textModel(modelSpec).tokenizer().maxLength(),
                            lookalike.textModel(modelSpec).tokenizer().maxLength() - 2);
                }
            }
            return embeddings.stream().map(TextEmbedding::vector).toList();
        }
    }

    private List<float[]> embedImages(ToolContext context, ModelSpec modelSpec) throws Exception {
        List<float[]> rows = new ArrayList<>(images.size());
        try (Lookalike lookalike = context.lookalike(decoding.options());
                EmbeddingPipeline pipeline = new EmbeddingPipeline(
                        List.of(lookalike.model(modelSpec)), lookalike.decoder(), batch, workers)) {
            List<Exception> failures = new ArrayList<>();
            pipeline.run(images.iterator(), item -> {
                if (item.ok()) {
                    rows.add(item.vectors().get(0));
                } else if (failures.isEmpty()) {
                    failures.add(item.error().orElseThrow());
                }
            });
            context.debug("stage split: %s", pipeline.split().describe());
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
        }
        return rows;
    }

    private void write(ToolContext context, ModelSpec modelSpec, List<float[]> rows) throws Exception {
        int dimension = modelSpec.dimension();
        float[] data = new float[rows.size() * dimension];
        for (int i = 0; i < rows.size(); i++) {
            float[] row = normalize ? VectorUtil.l2Normalized(rows.get(i)) : rows.get(i);
            System.arraycopy(row, 0, data, i * dimension, dimension);
        }
        new NpyArray(new int[] {rows.size(), dimension}, data).write(out);
        if (!context.quiet()) {
            context.err().printf("wrote %d x %d vectors (%s) to %s%n", rows.size(), dimension, modelSpec.name(), out);
        }
    }
}
