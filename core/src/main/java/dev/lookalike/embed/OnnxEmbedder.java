package dev.lookalike.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Turns batches of model input ({@code [N, C, H, W]} float32) into one vector per image with an
 * ONNX model: runs the session, selects one output and pools it.
 *
 * <p>Create one per model and reuse it: loading a session costs far more than a run. It is safe
 * to call {@link #embed} from several threads at once (ONNX Runtime sessions allow concurrent
 * runs and this class holds no other mutable state); {@link #close} must not race with them.
 * Vectors are returned as the model computes them, not normalised (see {@link dev.lookalike.vector.VectorUtil}).
 */
public final class OnnxEmbedder implements AutoCloseable {

    private final Path modelFile;
    private final String outputName;
    private final Pooling pooling;
    private final int dimension;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final Device device;
    private final String inputName;
    private final long[] inputShape;

    /**
     * Loads {@code onnxFile} and checks it against the declared output, pooling and dimension.
     *
     * @param onnxFile   the {@code .onnx} file
     * @param outputName the output tensor to pool, e.g. {@code image_embeds}
     * @param pooling    how that output becomes a vector; fixes the output rank it must have
     * @param dimension  the vector length D; must match the output's last dimension when static
     * @param options    threads and device
     * @throws EmbeddingException when the file is missing or not a valid model, the model does not
     *                            have exactly one float input of rank 4, the output is absent or of
     *                            the wrong rank or dimension, or the requested device is unavailable
     */
    public OnnxEmbedder(Path onnxFile, String outputName, Pooling pooling, int dimension, EmbedderOptions options) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        this.modelFile = onnxFile;
        this.outputName = outputName;
        this.pooling = pooling;
        this.dimension = dimension;
        if (!Files.isRegularFile(onnxFile)) {
            throw new EmbeddingException(
                    onnxFile, Files.exists(onnxFile) ? "not a regular file" : "model file not found");
        }
        this.env = OrtEnvironment.getEnvironment();
        SessionFactory.OpenSession opened = new SessionFactory(env, onnxFile, options).open();
        this.session = opened.session();
        this.device = opened.device();
        try {
            TensorInfo input = singleFloatInput();
            this.inputName = session.getInputNames().iterator().next();
            this.inputShape = input.getShape();
            checkOutput();
        } catch (RuntimeException e) {
            closeQuietly(e);
            throw e;
        }
    }

    /**
     * A direct, native-order buffer for {@code count} images of {@code channels x height x width},
     * the layout {@link #embed(FloatBuffer, int, int, int, int)} reads without copying.
     */
    public static FloatBuffer allocateBatch(int count, int channels, int height, int width) {
        int floats = elements(count, channels, height, width);
        return ByteBuffer.allocateDirect(Math.multiplyExact(floats, Float.BYTES))
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
    }

    /**
     * Embeds a batch.
     *
     * @param batch a direct buffer whose remaining {@code count * channels * height * width} floats
     *              are the images in NCHW order; ONNX Runtime reads it in place (a non-native byte
     *              order makes it copy). Its position is left unchanged.
     * @return {@code count} vectors of length {@link #dimension()}, in batch order
     * @throws IllegalArgumentException when the buffer is not direct or its size does not match, or
     *                                  a size contradicts a static dimension of the model's input
     * @throws EmbeddingException       when ONNX Runtime fails or returns an unexpected shape
     */
    public float[][] embed(FloatBuffer batch, int count, int channels, int height, int width) {
        long[] shape = checkBatch(batch, count, channels, height, width);
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, batch, shape);
                OrtSession.Result result = session.run(Map.of(inputName, tensor), Set.of(outputName))) {
            OnnxTensor output = (OnnxTensor) result.get(outputName)
                    .orElseThrow(() -> new EmbeddingException(modelFile, "run returned no output " + outputName));
            return pool(output, count);
        } catch (OrtException e) {
            throw new EmbeddingException(
                    modelFile,
                    "inference failed on a batch of shape " + Arrays.toString(shape) + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Embeds one image given as a CHW array (copied into a direct buffer first).
     *
     * @param chw    {@code channels * height * width} floats, channels outermost
     * @return the vector, of length {@link #dimension()}
     */
    public float[] embed(float[] chw, int height, int width) {
        int plane = elements(1, 1, height, width);
        if (chw.length == 0 || chw.length % plane != 0) {
            throw new IllegalArgumentException(
                    chw.length + " values are not whole channels of " + height + "x" + width);
        }
        int channels = chw.length / plane;
        FloatBuffer batch = allocateBatch(1, channels, height, width);
        batch.put(chw).flip();
        return embed(batch, 1, channels, height, width)[0];
    }

    /** The vector length D. */
    public int dimension() {
        return dimension;
    }

    /** The model's input name, as read from the model. */
    public String inputName() {
        return inputName;
    }

    /** The device the session runs on: {@link Device#CPU} or {@link Device#CUDA}, never AUTO. */
    public Device device() {
        return device;
    }

    /** The model file this embedder runs. */
    public Path modelFile() {
        return modelFile;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new EmbeddingException(modelFile, "closing the session failed: " + e.getMessage(), e);
        }
    }

    private TensorInfo singleFloatInput() {
        Map<String, NodeInfo> inputs = inputInfo();
        if (inputs.size() != 1) {
            throw new EmbeddingException(
                    modelFile,
                    "expected exactly one input (pixel values), the model has " + inputs.size() + ": "
                            + inputs.keySet());
        }
        NodeInfo node = inputs.values().iterator().next();
        if (!(node.getInfo() instanceof TensorInfo info)
                || info.type != OnnxJavaType.FLOAT
                || info.getShape().length != 4) {
            throw new EmbeddingException(
                    modelFile,
                    "input " + node.getName() + " must be a float tensor of rank 4 [N, C, H, W], found "
                            + node.getInfo());
        }
        return info;
    }

    private void checkOutput() {
        Map<String, NodeInfo> outputs = outputInfo();
        NodeInfo node = outputs.get(outputName);
        if (node == null) {
            throw new EmbeddingException(
                    modelFile, "no output named '" + outputName + "'; the model's outputs are " + outputs.keySet());
        }
        if (!(node.getInfo() instanceof TensorInfo info)
                || info.type != OnnxJavaType.FLOAT
                || info.getShape().length != pooling.outputRank()) {
            throw new EmbeddingException(
                    modelFile,
                    "output " + outputName + " must be a float tensor of rank " + pooling.outputRank() + " for pooling "
                            + pooling + ", found " + node.getInfo());
        }
        long[] shape = info.getShape();
        long last = shape[shape.length - 1];
        if (!pooling.accepts(dimension) || last > 0 && last != pooling.tokenDimension(dimension)) {
            throw new EmbeddingException(
                    modelFile,
                    "output " + outputName + " has dimension " + last
                            + (pooling == Pooling.CLSMEAN ? " (pooling clsmean makes vectors twice as long)" : "")
                            + ", but " + dimension + " was declared");
        }
    }

    private Map<String, NodeInfo> inputInfo() {
        try {
            return session.getInputInfo();
        } catch (OrtException e) {
            throw new EmbeddingException(modelFile, "cannot read the model's inputs: " + e.getMessage(), e);
        }
    }

    private Map<String, NodeInfo> outputInfo() {
        try {
            return session.getOutputInfo();
        } catch (OrtException e) {
            throw new EmbeddingException(modelFile, "cannot read the model's outputs: " + e.getMessage(), e);
        }
    }

    private long[] checkBatch(FloatBuffer batch, int count, int channels, int height, int width) {
        if (!batch.isDirect()) {
            throw new IllegalArgumentException("batch must be a direct buffer (see allocateBatch)");
        }
        int floats = elements(count, channels, height, width);
        if (batch.remaining() != floats) {
            throw new IllegalArgumentException("batch holds " + batch.remaining() + " floats, but " + count + "x"
                    + channels + "x" + height + "x" + width + " needs " + floats);
        }
        long[] shape = {count, channels, height, width};
        for (int i = 1; i < 4; i++) {
            if (inputShape[i] > 0 && inputShape[i] != shape[i]) {
                throw new IllegalArgumentException("batch shape " + Arrays.toString(shape) + " does not fit input "
                        + inputName + " of shape " + Arrays.toString(inputShape) + " in " + modelFile);
            }
        }
        return shape;
    }

    private float[][] pool(OnnxTensor output, int count) {
        long[] shape = output.getInfo().getShape();
        int tokens = shape.length == 3 ? Math.toIntExact(shape[1]) : 1;
        int tokenDimension = pooling.tokenDimension(dimension);
        if (shape.length != pooling.outputRank()
                || shape[0] != count
                || shape[shape.length - 1] != tokenDimension
                || tokens < 1) {
            throw new EmbeddingException(
                    modelFile,
                    "output " + outputName + " has shape " + Arrays.toString(shape) + ", expected " + count
                            + (tokens > 1 ? " x tokens" : "") + " x " + tokenDimension);
        }
        // One bulk copy out of native memory; pooling then reads it in place.
        FloatBuffer values = output.getFloatBuffer();
        float[][] vectors = new float[count][];
        for (int i = 0; i < count; i++) {
            vectors[i] = pooling.pool(values, i, tokens, tokenDimension);
        }
        return vectors;
    }

    private static int elements(int count, int channels, int height, int width) {
        if (count <= 0 || channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "batch dimensions must be positive, got " + count + "x" + channels + "x" + height + "x" + width);
        }
        return Math.multiplyExact(Math.multiplyExact(count, channels), Math.multiplyExact(height, width));
    }

    private void closeQuietly(RuntimeException failure) {
        try {
            session.close();
        } catch (OrtException e) {
            failure.addSuppressed(e);
        }
    }
}
