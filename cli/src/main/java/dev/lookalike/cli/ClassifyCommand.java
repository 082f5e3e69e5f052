package dev.lookalike.cli;

import dev.lookalike.Lookalike;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.search.ZeroShot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code classify IMG... --labels cat,dog,"a bus"}: zero-shot labels with CLIP, with probabilities. */
@Command(
        name = "classify",
        mixinStandardHelpOptions = true,
        description = {
            "Zero-shot labels: for each image, the probability of each label, as CLIP computes it",
            "(softmax over labels of logit scale x cosine of the image and \"a photo of a LABEL\")."
        })
final class ClassifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IMG", description = "Image files.")
    List<Path> images;

    @Option(
            names = "--labels",
            required = true,
            split = ",",
            paramLabel = "L[,L...]",
            description = "The labels to choose from (quote labels with spaces: --labels cat,dog,\"a bus\").")
    List<String> labels;

    @Option(
            names = "--template",
            paramLabel = "T",
            defaultValue = ZeroShot.DEFAULT_TEMPLATE,
            description = "The sentence made of each label; {} stands for the label (default: ${DEFAULT-VALUE}).")
    String template;

    @Option(
            names = "--model",
            paramLabel = "M",
            defaultValue = "clip",
            description = "Model with a text side (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = "--logit-scale",
            paramLabel = "S",
            defaultValue = "100",
            description = "The factor on the cosines before the softmax (default: ${DEFAULT-VALUE}, OpenAI CLIP's"
                    + " trained value; config.json holds only its initial value).")
    double logitScale;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DecodeMixin decoding;

    @Override
    public Integer call() throws Exception {
        checkLabels();
        UsageException.checking(() -> ZeroShot.prompt(template, "x")); // a template without {}: before any model loads
        ToolContext context = ToolContext.of(spec);
        List<List<ZeroShot.Label>> results;
        ModelSpec modelSpec;
        try (Lookalike lookalike = context.lookalike(decoding.options(), modelOptions)) {
            modelSpec = TextQueries.withTextSide(context, lookalike, modelOptions.names(List.of(model)))
                    .getFirst();
            for (String label : labels) {
                TextQueries.noteTruncation(context, lookalike, modelSpec, ZeroShot.prompt(template, label));
            }
            results = lookalike.classify(images, labels, template, modelSpec, logitScale);
        }
        if (json) {
            Json.print(context.out(), document(modelSpec, results));
        } else {
            printTable(context.out(), results);
        }
        return ExitCode.OK;
    }

    private void checkLabels() {
        if (labels.stream().anyMatch(String::isBlank)) {
            throw new UsageException("--labels has an empty label: " + labels);
        }
        if (new HashSet<>(labels).size() != labels.size()) {
            throw new UsageException("--labels names a label twice: " + labels);
        }
    }

    private void printTable(PrintWriter out, List<List<ZeroShot.Label>> results) {
        int width = labels.stream().mapToInt(String::length).max().orElse(5);
        for (int i = 0; i < images.size(); i++) {
            out.println(images.get(i));
            for (ZeroShot.Label label : results.get(i)) {
                out.printf(
                        Locale.ROOT,
                        "  %-" + width + "s %6.1f%%  cosine %.4f%n",
                        label.label(),
                        label.probability() * 100,
                        label.cosine());
            }
        }
    }

    private Map<String, Object> document(ModelSpec modelSpec, List<List<ZeroShot.Label>> results) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            List<Map<String, Object>> scored = new ArrayList<>();
            for (ZeroShot.Label label : results.get(i)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("label", label.label());
                row.put("prompt", label.prompt());
                row.put("probability", label.probability());
                row.put("cosine", label.cosine());
                scored.add(row);
            }
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("image", images.get(i).toString());
            image.put("labels", scored);
            rows.add(image);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", modelSpec.name());
        doc.put("template", template);
        doc.put("logit_scale", logitScale);
        doc.put("images", rows);
        return doc;
    }
}
