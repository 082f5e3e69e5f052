package dev.lookalike.embed;

import dev.lookalike.npy.NpyArray;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/** The tiny fixture models and PyTorch references made by tools/fixtures/make_model_fixtures.py. */
final class EmbedFixtures {

    static final int CLIP_DIM = 16;
    static final int DINOV2_DIM = 32;
    /** The tiny CLIP's hidden size: the width of its last_hidden_state. */
    static final int CLIP_HIDDEN = 32;

    static final EmbedderOptions CPU = new EmbedderOptions(1, Device.CPU);

    private EmbedFixtures() {}

    static Path root() {
        try {
            return Path.of(EmbedFixtures.class.getResource("/fixtures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path clipModel() {
        return root().resolve("models/clip-tiny/onnx/vision_model.onnx");
    }

    static Path dinov2Model() {
        return root().resolve("models/dinov2-tiny/onnx/model.onnx");
    }

    static OnnxEmbedder clip() {
        return new OnnxEmbedder(clipModel(), "image_embeds", Pooling.NONE, CLIP_DIM, CPU);
    }

    static OnnxEmbedder dinov2(Pooling pooling) {
        return new OnnxEmbedder(dinov2Model(), "last_hidden_state", pooling, DINOV2_DIM, CPU);
    }

    /** The seeded 3-image input batch shared by both models' references. */
    static NpyArray randomInput() throws IOException {
        return NpyArray.read(root().resolve("embeddings/random_input.input.npy"));
    }

    /** An NCHW array (or one CHW image) as a direct batch buffer. */
    static FloatBuffer toBatch(NpyArray input) {
        int[] s = nchw(input);
        FloatBuffer batch = OnnxEmbedder.allocateBatch(s[0], s[1], s[2], s[3]);
        batch.put(input.data()).flip();
        return batch;
    }

    static float[][] embed(OnnxEmbedder embedder, NpyArray input) {
        int[] s = nchw(input);
        return embedder.embed(toBatch(input), s[0], s[1], s[2], s[3]);
    }

    static int[] nchw(NpyArray input) {
        int[] shape = input.shape();
        if (shape.length == 3) {
            return new int[] {1, shape[0], shape[1], shape[2]};
        }
        if (shape.length != 4) {
            throw new IllegalArgumentException("not an image tensor: " + Arrays.toString(shape));
        }
        return shape;
    }

    /** Row {@code i} of a 2-D array. */
    static float[] row(NpyArray matrix, int i) {
        int width = matrix.shape()[1];
        return Arrays.copyOfRange(matrix.data(), i * width, (i + 1) * width);
    }
}
