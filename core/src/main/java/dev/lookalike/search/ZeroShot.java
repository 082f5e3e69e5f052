package dev.lookalike.search;

import dev.lookalike.vector.VectorUtil;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Zero-shot labelling as CLIP does it: each label becomes a sentence ("a photo of a {}"), and the image's
 * probabilities are the softmax over labels of {@code logitScale x cosine(image, sentence)}.
 *
 * <p>OpenAI's CLIP learnt its logit scale during training and every released checkpoint holds it at the clamp,
 * 100 ({@link #CLIP_LOGIT_SCALE}); transformers reads it from the weights. A hub {@code config.json} holds only
 * {@code logit_scale_init_value} (2.6592, i.e. 1/0.07), where training started, and the ONNX towers don't
 * carry it, so it is a setting here.
 */
public final class ZeroShot {

    /** OpenAI CLIP's trained {@code exp(logit_scale)}: 100. */
    public static final double CLIP_LOGIT_SCALE = 100;
    /** The prompt CLIP's authors use for a label. */
    public static final String DEFAULT_TEMPLATE = "a photo of a {}";

    /**
     * One label's result.
     *
     * @param label       the label as given
     * @param prompt      the sentence that was embedded
     * @param cosine      the cosine of the image's and the sentence's vectors
     * @param probability the softmax over all labels of {@code logitScale x cosine}
     */
    public record Label(String label, String prompt, double cosine, double probability) {}

    private ZeroShot() {}

    /** The sentence for {@code label}: {@code template} with its {@code {}} replaced by the label. */
    public static String prompt(String template, String label) {
        if (!template.contains("{}")) {
            throw new IllegalArgumentException("template \"" + template + "\" has no {} for the label");
        }
        return template.replace("{}", label);
    }

    /**
     * The labels' probabilities for one image, most probable first (ties in label order).
     *
     * @param image      the image's vector
     * @param labels     the labels, as given
     * @param prompts    the sentence of each label
     * @param sentences  each sentence's vector, in label order
     * @param logitScale the factor on the cosines before the softmax, positive
     */
    public static List<Label> classify(
            float[] image, List<String> labels, List<String> prompts, float[][] sentences, double logitScale) {
        if (labels.isEmpty() || labels.size() != sentences.length || labels.size() != prompts.size()) {
            throw new IllegalArgumentException("need one prompt and vector per label, got " + labels.size()
                    + " labels, " + prompts.size() + " prompts and " + sentences.length + " vectors");
        }
        if (!(logitScale > 0) || Double.isInfinite(logitScale)) {
            throw new IllegalArgumentException("logit scale must be a positive number, got " + logitScale);
        }
        double[] cosines = new double[labels.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < cosines.length; i++) {
            cosines[i] = VectorUtil.cosine(image, sentences[i]);
            max = Math.max(max, logitScale * cosines[i]);
        }
        double sum = 0;
        double[] weights = new double[cosines.length];
        for (int i = 0; i < cosines.length; i++) {
            weights[i] = Math.exp(logitScale * cosines[i] - max); // shifted by the maximum: no overflow
            sum += weights[i];
        }
        List<Label> result = new ArrayList<>(labels.size());
        for (int i = 0; i < cosines.length; i++) {
            result.add(new Label(labels.get(i), prompts.get(i), cosines[i], weights[i] / sum));
        }
        result.sort(Comparator.comparingDouble(Label::probability).reversed());
        return result;
    }
}
