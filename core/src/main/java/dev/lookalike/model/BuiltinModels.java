package dev.lookalike.model;

import dev.lookalike.embed.Pooling;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The models lookalike knows by name (see {@code docs/cli.md}, "Models"). */
public final class BuiltinModels {

    /** OpenAI CLIP ViT-B/32's image tower with its projection: 512-d {@code image_embeds}. */
    public static final OnnxModelSpec CLIP = ModelSpec.hub(
            "clip", "Xenova/clip-vit-base-patch32", "onnx/vision_model.onnx", "image_embeds", Pooling.NONE, 512);

    /** Meta DINOv2-base: the mean over all tokens of {@code last_hidden_state}, as the reference article does. */
    public static final OnnxModelSpec DINOV2 =
            ModelSpec.hub("dinov2", "Xenova/dinov2-base", "onnx/model.onnx", "last_hidden_state", Pooling.MEAN, 768);

    /** DINOv2-base's CLS token instead of the token mean. */
    public static final OnnxModelSpec DINOV2_CLS = DINOV2.withPooling("dinov2-cls", Pooling.CLS);

    /**
     * DINOv2-base, generalised-mean (GeM, p = 3) pooling of the patch tokens: it weighs each feature
     * by where it is strongest, as instance retrieval pools CNN maps.
     */
    public static final OnnxModelSpec DINOV2_GEM = DINOV2.withPooling("dinov2-gem", Pooling.GEM);

    /** DINOv2-base, the CLS token and the patch mean concatenated (the DINOv2 paper's linear-probe descriptor): 1536-d. */
    public static final OnnxModelSpec DINOV2_CLSMEAN = ModelSpec.hub(
            "dinov2-clsmean", "Xenova/dinov2-base", "onnx/model.onnx", "last_hidden_state", Pooling.CLSMEAN, 1536);

    /**
     * CLIP ViT-B/32's vision tower without its projection: the mean of the patch tokens of
     * {@code last_hidden_state} (768-d), what the patches saw rather than what was trained to match text.
     */
    public static final OnnxModelSpec CLIP_PATCHMEAN = ModelSpec.hub(
            "clip-patchmean",
            "Xenova/clip-vit-base-patch32",
            "onnx/vision_model.onnx",
            "last_hidden_state",
            Pooling.PATCHMEAN,
            768);

    /** CLIP ViT-B/32 with int8 weights (the hub's {@code vision_model_quantized.onnx}): faster on CPU. */
    public static final OnnxModelSpec CLIP_Q8 = ModelSpec.hub(
            "clip-q8",
            "Xenova/clip-vit-base-patch32",
            "onnx/vision_model_quantized.onnx",
            "image_embeds",
            Pooling.NONE,
            512);

    /** DINOv2-base with int8 weights (the hub's {@code model_quantized.onnx}), token mean. */
    public static final OnnxModelSpec DINOV2_Q8 = ModelSpec.hub(
            "dinov2-q8", "Xenova/dinov2-base", "onnx/model_quantized.onnx", "last_hidden_state", Pooling.MEAN, 768);

    /**
     * The DCT perceptual hash of Python's ImageHash as 64 values of +1 and -1: a non-learned
     * baseline, computed, nothing to download (docs/phash.md).
     */
    public static final ComputedModelSpec PHASH = new ComputedModelSpec("phash", ComputedModelSpec.Algorithm.PHASH);

    private static final Map<String, ModelSpec> BY_NAME = new LinkedHashMap<>();

    static {
        for (ModelSpec spec : List.<ModelSpec>of(
                CLIP, DINOV2, DINOV2_CLS, DINOV2_GEM, DINOV2_CLSMEAN, CLIP_PATCHMEAN, CLIP_Q8, DINOV2_Q8, PHASH)) {
            BY_NAME.put(spec.name(), spec);
        }
    }

    private BuiltinModels() {}

    /** Every built-in model, in the order {@code models list} shows them. */
    public static List<ModelSpec> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The built-in model with this name, if there is one. */
    public static Optional<ModelSpec> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * The built-in model with this name.
     *
     * @throws UnknownModelException when there is none; its message lists the known names
     */
    public static ModelSpec get(String name) {
        return find(name).orElseThrow(() -> new UnknownModelException(name, BY_NAME.keySet()));
    }
}
