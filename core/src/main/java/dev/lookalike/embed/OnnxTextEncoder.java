package dev.lookalike.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns batches of token ids into one vector per text with a text tower's ONNX model (CLIP's
 * {@code onnx/text_model.onnx}: {@code input_ids [N, T]} int64 to {@code text_embeds [N, D]}).
 *
 * <p>The model is fed the inputs it declares: {@code input_ids} always, {@code attention_mask} (1 for a text's
 * tokens, 0 for padding) only when the file has that input. Texts of one batch are padded with the
 * tokenizer's pad id to the longest of them, or to the sequence length the model fixes. Thread-safe like
 * {@link OnnxEmbedder}; vectors are returned as the model computes them, not normalised.
 */
public final class OnnxTextEncoder implements AutoCloseable {

    /** The token ids' input name in Hugging Face exports. */
    public static final String INPUT_IDS = "input_ids";
    /** The padding mask's input name, when an export has one. */
    public static final String ATTENTION_MASK = "attention_mask";

    private final Path modelFile;
    private final String outputName;
    private final int dimension;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final Device device;
    private final boolean takesMask;
    private final long fixedLength;

    /**
     * Loads {@code onnxFile} and checks its inputs and {@code outputName} against {@code dimension}.
     *
     * @throws EmbeddingException when the file is missing or not a valid model, lacks an int64
     *                            {@code input_ids [N, T]}, has other inputs than that and {@code attention_mask},
     *                            or the output is absent, not of rank 2 or of another dimension
     */
    public OnnxTextEncoder(Path onnxFile, String outputName, int dimension, EmbedderOptions options) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        if (!Files.isRegularFile(onnxFile)) {
            throw new EmbeddingException(
                    onnxFile, Files.exists(onnxFile) ? "not a regular file" : "model file not found");
        }
        this.modelFile = onnxFile;
        this.outputName = outputName;
        this.dimension = dimension;
        this.env = OrtEnvironment.getEnvironment();
        SessionFactory.OpenSession opened = new SessionFactory(env, onnxFile, options).open();
        this.session = opened.session();
        this.device = opened.device();
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            long[] idsShape = tokenInput(inputs, INPUT_IDS);
            this.takesMask = inputs.containsKey(ATTENTION_MASK);
            if (takesMask) {
                tokenInput(inputs, ATTENTION_MASK);
            }
            if (inputs.size() != (takesMask ? 2 : 1)) {
                throw new EmbeddingException(
                        onnxFile,
                        "expected inputs " + INPUT_IDS + " and optionally " + ATTENTION_MASK + ", the model has "
                                + inputs.keySet());
            }
            this.fixedLength = idsShape[1];
            checkOutput(session.getOutputInfo());
        } catch (OrtException | RuntimeException e) {
            try {
                session.close();
            } catch (OrtException closing) {
                e.addSuppressed(closing);
            }
            throw e instanceof EmbeddingException known
                    ? known
                    : new EmbeddingException(
                            onnxFile, "cannot read the model's inputs and outputs: " + e.getMessage(), e);
        }
    }

    /**
     * Embeds a batch of texts.
     *
     * @param texts each text's ids, special tokens included, at most the model's fixed length if it has one
     * @param padId the id that fills the rest of a short text's row
     * @return one vector of {@link #dimension()} floats per text, in order
     * @throws IllegalArgumentException when there are no texts, a text is empty or longer than the model allows
     * @throws EmbeddingException       when ONNX Runtime fails or returns an unexpected shape
     */
    public float[][] embed(List<long[]> texts, long padId) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no texts to embed");
        }
        int length = fixedLength > 0
                ? Math.toIntExact(fixedLength)
                : texts.stream().mapToInt(t -> t.length).max().orElseThrow();
        long[] shape = {texts.size(), length};
        LongBuffer ids = LongBuffer.allocate(texts.size() * length);
        LongBuffer mask = LongBuffer.allocate(texts.size() * length);
        for (long[] text : texts) {
            if (text.length == 0 || text.length > length) {
                throw new IllegalArgumentException(
                        "a text of " + text.length + " tokens does not fit the model's " + length + " in " + modelFile);
            }
            for (int t = 0; t < length; t++) {
                ids.put(t < text.length ? text[t] : padId);
                mask.put(t < text.length ? 1 : 0);
            }
        }
        ids.flip();
        mask.flip();
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(env, ids, shape);
                OnnxTensor maskTensor = OnnxTensor.createTensor(env, mask, shape)) {
            Map<String, OnnxTensor> feeds = new HashMap<>();
            feeds.put(INPUT_IDS, idsTensor);
            if (takesMask) {
                feeds.put(ATTENTION_MASK, maskTensor);
            }
            try (OrtSession.Result result = session.run(feeds, Set.of(outputName))) {
                OnnxTensor output = (OnnxTensor) result.get(outputName)
                        .orElseThrow(() -> new EmbeddingException(modelFile, "run returned no output " + outputName));
                return vectors(output, texts.size());
            }
        } catch (OrtException e) {
            throw new EmbeddingException(
                    modelFile,
                    "inference failed on token ids of shape " + Arrays.toString(shape) + ": " + e.getMessage(),
                    e);
        }
    }

    /** The vector length D. */
    public int dimension() {
        return dimension;
    }

    /** Whether the model takes an {@code attention_mask} beside the ids. */
    public boolean takesAttentionMask() {
        return takesMask;
    }

    /** The device the session runs on: {@link Device#CPU} or {@link Device#CUDA}, never AUTO. */
    public Device device() {
        return device;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new EmbeddingException(modelFile, "closing the session failed: " + e.getMessage(), e);
        }
    }

    private long[] tokenInput(Map<String, NodeInfo> inputs, String name) {
        NodeInfo node = inputs.get(name);
        if (node == null
                || !(node.getInfo() instanceof TensorInfo info)
                || info.type != OnnxJavaType.INT64
                || info.getShape().length != 2) {
            throw new EmbeddingException(
                    modelFile,
                    "expected an int64 input " + name + " of rank 2 [N, T], found "
                            + (node == null ? "inputs " + inputs.keySet() : node.getInfo()));
        }
        return info.getShape();
    }

    private void checkOutput(Map<String, NodeInfo> outputs) {
        NodeInfo node = outputs.get(outputName);
        if (node == null) {
            throw new EmbeddingException(
                    modelFile, "no output named '" + outputName + "'; the model's outputs are " + outputs.keySet());
        }
        if (!(node.getInfo() instanceof TensorInfo info)
                || info.type != OnnxJavaType.FLOAT
                || info.getShape().length != 2) {
            throw new EmbeddingException(
                    modelFile, "output " + outputName + " must be a float tensor [N, D], found " + node.getInfo());
        }
        long last = info.getShape()[1];
        if (last > 0 && last != dimension) {
            throw new EmbeddingException(
                    modelFile,
                    "output " + outputName + " has dimension " + last + ", but " + dimension + " was declared");
        }
    }

    private float[][] vectors(OnnxTensor output, int count) {
        long[] shape = output.getInfo().getShape();
        if (shape.length != 2 || shape[0] != count || shape[1] != dimension) {
            throw new EmbeddingException(
                    modelFile,
                    "output " + outputName + " has shape " + Arrays.toString(shape) + ", expected " + count + " x "
                            + dimension);
        }
        FloatBuffer values = output.getFloatBuffer();
        float[][] vectors = new float[count][dimension];
        for (float[] vector : vectors) {
            values.get(vector);
        }
        return vectors;
    }
}
