package dev.lookalike.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.lookalike.npy.NpyArray;
import dev.lookalike.vector.VectorUtil;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxEmbedderTest {

    @TempDir
    Path tmp;

    @Test
    void batchOfThreeEqualsThreeSingles() throws Exception {
        NpyArray input = EmbedFixtures.randomInput();
        int[] s = EmbedFixtures.nchw(input);
        int image = s[1] * s[2] * s[3];
        for (OnnxEmbedder embedder : List.of(EmbedFixtures.clip(), EmbedFixtures.dinov2(Pooling.MEAN))) {
            try (embedder) {
                float[][] batch = EmbedFixtures.embed(embedder, input);
                for (int i = 0; i < s[0]; i++) {
                    float[] chw = Arrays.copyOfRange(input.data(), i * image, (i + 1) * image);
                    float[] single = embedder.embed(chw, s[2], s[3]);
                    assertTrue(
                            OnnxEmbedderReferenceTest.relativeError(single, batch[i]) <= 1e-6,
                            embedder.modelFile() + " image " + i);
                }
            }
        }
    }

    @Test
    void meanAndClsPoolTheSameTokensDifferently() throws Exception {
        NpyArray input = EmbedFixtures.randomInput();
        float[][] mean;
        float[][] cls;
        float[][] pooler;
        try (OnnxEmbedder m = EmbedFixtures.dinov2(Pooling.MEAN);
                OnnxEmbedder c = EmbedFixtures.dinov2(Pooling.CLS);
                OnnxEmbedder p = new OnnxEmbedder(
                        EmbedFixtures.dinov2Model(),
                        "pooler_output",
                        Pooling.NONE,
                        EmbedFixtures.DINOV2_DIM,
                        EmbedFixtures.CPU)) {
            mean = EmbedFixtures.embed(m, input);
            cls = EmbedFixtures.embed(c, input);
            pooler = EmbedFixtures.embed(p, input);
        }
        for (int i = 0; i < mean.length; i++) {
            // The model's own pooler_output is its CLS token: an independent check of CLS pooling.
            assertArrayEquals(pooler[i], cls[i], 1e-6f);
            assertTrue(VectorUtil.cosine(mean[i], cls[i]) < 0.99, "mean and CLS should differ");
        }
    }

    @Test
    void concurrentCallsGiveTheSameVectors() throws Exception {
        NpyArray input = EmbedFixtures.randomInput();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (OnnxEmbedder embedder = EmbedFixtures.dinov2(Pooling.MEAN)) {
            float[][] expected = EmbedFixtures.embed(embedder, input);
            List<Future<float[][]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> EmbedFixtures.embed(embedder, input)));
            }
            for (Future<float[][]> result : results) {
                float[][] got = result.get();
                for (int i = 0; i < expected.length; i++) {
                    assertArrayEquals(expected[i], got[i], 1e-6f);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void leavesTheBatchBufferReusable() throws Exception {
        NpyArray input = EmbedFixtures.randomInput();
        FloatBuffer batch = EmbedFixtures.toBatch(input);
        try (OnnxEmbedder embedder = EmbedFixtures.clip()) {
            float[][] first = embedder.embed(batch, 3, 3, 224, 224);
            assertEquals(0, batch.position());
            float[][] second = embedder.embed(batch, 3, 3, 224, 224);
            for (int i = 0; i < first.length; i++) {
                assertArrayEquals(first[i], second[i]);
            }
        }
    }

    @Test
    void readsTheInputNameFromTheModel() {
        try (OnnxEmbedder embedder = EmbedFixtures.clip()) {
            assertEquals("pixel_values", embedder.inputName());
            assertEquals(EmbedFixtures.CLIP_DIM, embedder.dimension());
            assertEquals(Device.CPU, embedder.device());
        }
    }

    @Test
    void allocateBatchIsDirectAndNativeOrder() {
        FloatBuffer batch = OnnxEmbedder.allocateBatch(2, 3, 4, 5);
        assertTrue(batch.isDirect());
        assertEquals(ByteOrder.nativeOrder(), batch.order());
        assertEquals(120, batch.capacity());
        assertThrows(IllegalArgumentException.class, () -> OnnxEmbedder.allocateBatch(0, 3, 4, 5));
    }

    @Test
    void rejectsHeapBuffersAndWrongSizes() {
        try (OnnxEmbedder embedder = EmbedFixtures.clip()) {
            FloatBuffer heap = FloatBuffer.allocate(3 * 224 * 224);
            IllegalArgumentException notDirect =
                    assertThrows(IllegalArgumentException.class, () -> embedder.embed(heap, 1, 3, 224, 224));
            assertTrue(notDirect.getMessage().contains("direct"), notDirect.getMessage());
            FloatBuffer small = OnnxEmbedder.allocateBatch(1, 3, 224, 223);
            IllegalArgumentException wrongSize =
                    assertThrows(IllegalArgumentException.class, () -> embedder.embed(small, 1, 3, 224, 224));
            assertTrue(wrongSize.getMessage().contains("needs 150528"), wrongSize.getMessage());
        }
    }

    @Test
    void runFailureNamesTheModel() {
        // CLIP's position embeddings fit 224x224 only: another size fails inside ONNX Runtime.
        try (OnnxEmbedder embedder = EmbedFixtures.clip()) {
            FloatBuffer batch = OnnxEmbedder.allocateBatch(1, 3, 256, 256);
            EmbeddingException e = assertThrows(EmbeddingException.class, () -> embedder.embed(batch, 1, 3, 256, 256));
            assertTrue(e.getMessage().startsWith(EmbedFixtures.clipModel().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("[1, 3, 256, 256]"), e.getMessage());
        }
    }

    @Test
    void unknownOutputListsTheModelsOutputs() {
        EmbeddingException e = assertThrows(
                EmbeddingException.class,
                () -> new OnnxEmbedder(
                        EmbedFixtures.clipModel(),
                        "pooler_output",
                        Pooling.NONE,
                        EmbedFixtures.CLIP_DIM,
                        EmbedFixtures.CPU));
        assertTrue(e.getMessage().contains("no output named 'pooler_output'"), e.getMessage());
        assertTrue(
                e.getMessage().contains("image_embeds") && e.getMessage().contains("last_hidden_state"),
                e.getMessage());
    }

    @Test
    void wrongDimensionIsRejected() {
        EmbeddingException e = assertThrows(
                EmbeddingException.class,
                () -> new OnnxEmbedder(
                        EmbedFixtures.clipModel(), "image_embeds", Pooling.NONE, 512, EmbedFixtures.CPU));
        assertTrue(e.getMessage().contains("has dimension 16, but 512 was declared"), e.getMessage());
    }

    @Test
    void clsAndPatchMeanMakeVectorsTwiceTheOutputsWidth() {
        EmbeddingException e = assertThrows(
                EmbeddingException.class,
                () -> new OnnxEmbedder(
                        EmbedFixtures.dinov2Model(),
                        "last_hidden_state",
                        Pooling.CLSMEAN,
                        EmbedFixtures.DINOV2_DIM,
                        EmbedFixtures.CPU));
        assertTrue(
                e.getMessage()
                        .contains("has dimension 32 (pooling clsmean makes vectors twice as long), but 32 was"
                                + " declared"),
                e.getMessage());
        assertThrows(
                EmbeddingException.class,
                () -> new OnnxEmbedder(
                        EmbedFixtures.dinov2Model(), "last_hidden_state", Pooling.CLSMEAN, 63, EmbedFixtures.CPU));
    }

    @Test
    void poolingMustFitTheOutputRank() {
        EmbeddingException e = assertThrows(
                EmbeddingException.class,
                () -> new OnnxEmbedder(
                        EmbedFixtures.clipModel(),
                        "image_embeds",
                        Pooling.MEAN,
                        EmbedFixtures.CLIP_DIM,
                        EmbedFixtures.CPU));
        assertTrue(e.getMessage().contains("rank 3 for pooling MEAN"), e.getMessage());
    }

    @Test
    void missingModelFile() {
        Path missing = tmp.resolve("absent.onnx");
        EmbeddingException e = assertThrows(
                EmbeddingException.class,
                () -> new OnnxEmbedder(missing, "image_embeds", Pooling.NONE, 16, EmbedFixtures.CPU));
        assertEquals(missing + ": model file not found", e.getMessage());
        assertEquals(missing, e.modelFile());
    }

    @Test
    void directoryGivenAsModel() {
        EmbeddingException e = assertThrows(
                EmbeddingException.class,
                () -> new OnnxEmbedder(tmp, "image_embeds", Pooling.NONE, 16, EmbedFixtures.CPU));
        assertEquals(tmp + ": not a regular file", e.getMessage());
    }

    @Test
    void corruptModelFile() throws IOException {
        Path corrupt = tmp.resolve("corrupt.onnx");
        byte[] bytes = new byte[4096];
        new Random(42).nextBytes(bytes);
        Files.write(corrupt, bytes);
        EmbeddingException e = assertThrows(
                EmbeddingException.class,
                () -> new OnnxEmbedder(corrupt, "image_embeds", Pooling.NONE, 16, EmbedFixtures.CPU));
        assertTrue(e.getMessage().startsWith(corrupt + ": cannot load the ONNX model"), e.getMessage());
    }

    @Test
    void truncatedModelFile() throws IOException {
        Path truncated = tmp.resolve("truncated.onnx");
        byte[] whole = Files.readAllBytes(EmbedFixtures.clipModel());
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        EmbeddingException e = assertThrows(
                EmbeddingException.class,
                () -> new OnnxEmbedder(truncated, "image_embeds", Pooling.NONE, 16, EmbedFixtures.CPU));
        assertTrue(e.getMessage().startsWith(truncated + ": cannot load the ONNX model"), e.getMessage());
    }

    @Test
    void cudaOnACpuBuildFailsClearly() {
        assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA), "this build has CUDA");
        EmbeddingException e = assertThrows(
                EmbeddingException.class,
                () -> new OnnxEmbedder(
                        EmbedFixtures.clipModel(),
                        "image_embeds",
                        Pooling.NONE,
                        16,
                        new EmbedderOptions(0, Device.CUDA)));
        assertTrue(e.getMessage().contains("no CUDA execution provider"), e.getMessage());
        assertTrue(e.getMessage().contains("onnxruntime_gpu"), e.getMessage());
    }

    @Test
    void autoFallsBackToCpuWithoutCuda() {
        assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA), "this build has CUDA");
        try (OnnxEmbedder embedder = new OnnxEmbedder(
                EmbedFixtures.clipModel(), "image_embeds", Pooling.NONE, 16, EmbedderOptions.defaults())) {
            assertEquals(Device.CPU, embedder.device());
        }
    }

    @Test
    void optionsRejectNegativeThreads() {
        assertThrows(IllegalArgumentException.class, () -> new EmbedderOptions(-1, Device.CPU));
    }
}
