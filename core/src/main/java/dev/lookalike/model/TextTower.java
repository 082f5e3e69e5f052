package dev.lookalike.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The text side of a CLIP-family model: the text tower's ONNX file beside the image tower's, in the same
 * repository or directory, with the model's tokenizer files.
 *
 * <p>A model has one when its {@code config.json} is a CLIP configuration ({@code model_type} {@code clip}
 * with a {@code text_config}) and its image tower is a hub export's {@code vision_model*.onnx}: the text
 * tower is the file of the same variant, {@code text_model*.onnx} ({@code vision_model_quantized.onnx} pairs
 * with {@code text_model_quantized.onnx}), whose {@code text_embeds} lie in the space of {@code image_embeds}.
 *
 * @param onnxFile the text tower's path inside the model directory ({@code onnx/text_model.onnx})
 * @param output   the output holding the text's vector ({@code text_embeds})
 */
public record TextTower(String onnxFile, String output) {

    /** The image tower's file name stem in Hugging Face's CLIP exports. */
    static final String VISION_STEM = "vision_model";
    /** The text tower's file name stem in the same exports. */
    static final String TEXT_STEM = "text_model";
    /** The text tower's output in the same exports. */
    public static final String OUTPUT = "text_embeds";

    /** The text tower that pairs with {@code spec}, given the model's {@code config.json}, if it has one. */
    public static Optional<TextTower> of(OnnxModelSpec spec, JsonNode config) {
        boolean clip = "clip".equals(config.path("model_type").asText()) && config.has("text_config");
        int slash = spec.onnxFile().lastIndexOf('/');
        String fileName = spec.onnxFile().substring(slash + 1);
        if (!clip || !fileName.startsWith(VISION_STEM)) {
            return Optional.empty();
        }
        String textFile =
                spec.onnxFile().substring(0, slash + 1) + TEXT_STEM + fileName.substring(VISION_STEM.length());
        return Optional.of(new TextTower(textFile, OUTPUT));
    }
}
