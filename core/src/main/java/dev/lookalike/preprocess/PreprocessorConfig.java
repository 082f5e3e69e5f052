package dev.lookalike.preprocess;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The image processor settings of a Hugging Face {@code preprocessor_config.json}. Each component
 * is the key of the same name in camel case ({@code do_resize} is {@link #doResize()}); absent keys
 * take the defaults of transformers' {@code CLIPImageProcessor} and {@code BitImageProcessor}.
 * A legacy integer {@code size} means the shortest edge, an integer {@code crop_size} a square,
 * as those processors read them.
 *
 * @param imageMean per-channel mean, R G B
 * @param imageStd  per-channel standard deviation, R G B
 */
public record PreprocessorConfig(
        boolean doResize,
        ResizeTarget size,
        Resample resample,
        boolean doCenterCrop,
        ImageSize cropSize,
        boolean doRescale,
        double rescaleFactor,
        boolean doNormalize,
        double[] imageMean,
        double[] imageStd,
        boolean doConvertRgb) {

    /** OpenAI CLIP's normalisation, transformers' default for both processors. */
    public static final double[] OPENAI_CLIP_MEAN = {0.48145466, 0.4578275, 0.40821073};

    public static final double[] OPENAI_CLIP_STD = {0.26862954, 0.26130258, 0.27577711};

    private static final ObjectMapper JSON = new ObjectMapper();

    public PreprocessorConfig {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(resample, "resample");
        Objects.requireNonNull(cropSize, "cropSize");
        imageMean = checkChannels(imageMean, "image_mean").clone();
        imageStd = checkChannels(imageStd, "image_std").clone();
    }

    /** Reads a {@code preprocessor_config.json} file. */
    public static PreprocessorConfig read(Path file) throws IOException {
        String json = Files.readString(file);
        try {
            return parse(json);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new IOException(file + ": invalid preprocessor config: " + e.getMessage(), e);
        }
    }

    /** Parses the JSON text of a {@code preprocessor_config.json}. */
    public static PreprocessorConfig parse(String json) throws JsonProcessingException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return new PreprocessorConfig(
                flag(root, "do_resize"),
                resizeTarget(root.get("size")),
                Resample.fromPilCode(root.path("resample").asInt(Resample.BICUBIC.pilCode())),
                flag(root, "do_center_crop"),
                cropSize(root.get("crop_size")),
                flag(root, "do_rescale"),
                root.path("rescale_factor").asDouble(1 / 255.0),
                flag(root, "do_normalize"),
                channels(root.get("image_mean"), OPENAI_CLIP_MEAN),
                channels(root.get("image_std"), OPENAI_CLIP_STD),
                flag(root, "do_convert_rgb"));
    }

    @Override
    public double[] imageMean() {
        return imageMean.clone();
    }

    @Override
    public double[] imageStd() {
        return imageStd.clone();
    }

    /** Every boolean key of these processors defaults to true. */
    private static boolean flag(JsonNode root, String key) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return true;
        }
        if (!node.isBoolean()) {
            throw new IllegalArgumentException(key + " must be true or false: " + node);
        }
        return node.booleanValue();
    }

    private static ResizeTarget resizeTarget(JsonNode node) {
        if (node == null || node.isNull()) {
            return new ResizeTarget.ShortestEdge(224);
        }
        if (node.isInt()) {
            return new ResizeTarget.ShortestEdge(node.intValue());
        }
        if (node.isObject() && node.has("shortest_edge") && node.size() == 1) {
            return new ResizeTarget.ShortestEdge(intField(node, "shortest_edge", "size"));
        }
        if (node.isObject() && node.has("height") && node.has("width") && node.size() == 2) {
            return new ImageSize(intField(node, "height", "size"), intField(node, "width", "size"));
        }
        throw new IllegalArgumentException("unsupported size " + node
                + " (expected an integer, {\"shortest_edge\": n} or {\"height\": h, \"width\": w})");
    }

    private static ImageSize cropSize(JsonNode node) {
        if (node == null || node.isNull()) {
            return new ImageSize(224, 224);
        }
        if (node.isInt()) {
            return new ImageSize(node.intValue(), node.intValue());
        }
        if (node.isObject() && node.has("height") && node.has("width")) {
            return new ImageSize(intField(node, "height", "crop_size"), intField(node, "width", "crop_size"));
        }
        throw new IllegalArgumentException(
                "unsupported crop_size " + node + " (expected an integer or {\"height\": h, \"width\": w})");
    }

    private static int intField(JsonNode object, String field, String key) {
        JsonNode value = object.get(field);
        if (!value.isInt()) {
            throw new IllegalArgumentException(key + "." + field + " must be an integer: " + value);
        }
        return value.intValue();
    }

    private static double[] channels(JsonNode node, double[] absent) {
        if (node == null || node.isNull()) {
            return absent;
        }
        if (node.isNumber()) {
            return new double[] {node.doubleValue(), node.doubleValue(), node.doubleValue()};
        }
        double[] values = new double[node.size()];
        for (int i = 0; i < values.length; i++) {
            if (!node.get(i).isNumber()) {
                throw new IllegalArgumentException("expected numbers: " + node);
            }
            values[i] = node.get(i).doubleValue();
        }
        return values;
    }

    private static double[] checkChannels(double[] values, String key) {
        Objects.requireNonNull(values, key);
        if (values.length != 3) {
            throw new IllegalArgumentException(key + " needs 3 values (R, G, B): " + Arrays.toString(values));
        }
        return values;
    }
}
