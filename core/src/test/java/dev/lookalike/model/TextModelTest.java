package dev.lookalike.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookalike.embed.Device;
import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.embed.Pooling;
import dev.lookalike.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tiny CLIP's text side against PyTorch (tools/fixtures/make_text_fixtures.py). */
class TextModelTest {

    static final EmbedderOptions CPU = new EmbedderOptions(1, Device.CPU);
    static final Path CLIP_TINY = fixtures().resolve("models/clip-tiny");

    static Path fixtures() {
        try {
            return Path.of(TextModelTest.class.getResource("/fixtures").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static OnnxModelSpec tinyClip(String onnxFile) {
        return ModelSpec.local("clip", CLIP_TINY, onnxFile, "image_embeds", Pooling.NONE, 16);
    }

    @Test
    void textEmbeddingsMatchPyTorchWithinOneInTenThousand() throws IOException {
        assertMatchesPyTorch(tinyClip("onnx/vision_model.onnx"), false);
    }

    @Test
    void aTowerThatDeclaresAnAttentionMaskIsFedOne() throws IOException {
        // The same weights exported with input_ids and attention_mask; with the causal mask padding can't move
        // the end-of-text state, so the references are the same.
        Path dir = copyOfTinyClip();
        Files.move(
                dir.resolve("onnx/text_model_with_mask.onnx"),
                dir.resolve("onnx/text_model.onnx"),
                StandardCopyOption.REPLACE_EXISTING);
        assertMatchesPyTorch(
                ModelSpec.local("clip", dir, "onnx/vision_model.onnx", "image_embeds", Pooling.NONE, 16), true);
    }

    @Test
    void theTextTowerPairsWithTheImageTowersVariant() throws IOException {
        JsonNode config =
                new ObjectMapper().readTree(CLIP_TINY.resolve("config.json").toFile());
        assertEquals(
                new TextTower("onnx/text_model.onnx", "text_embeds"),
                TextTower.of(tinyClip("onnx/vision_model.onnx"), config).orElseThrow());
        assertEquals(
                "onnx/text_model_quantized.onnx",
                TextTower.of(BuiltinModels.CLIP_Q8, config).orElseThrow().onnxFile());
        assertTrue(TextTower.of(tinyClip("onnx/model.onnx"), config).isEmpty(), "not a vision tower");
        assertTrue(TextTower.of(
                        tinyClip("onnx/vision_model.onnx"), new ObjectMapper().readTree("{\"model_type\": \"dinov2\"}"))
                .isEmpty());
    }

    @Test
    void modelsWithoutATextSideAreRefusedByName() throws IOException {
        ModelLoader loader = new ModelLoader(null, CPU);
        OnnxModelSpec dinov2 = ModelSpec.local(
                "dinov2",
                fixtures().resolve("models/dinov2-tiny"),
                "onnx/model.onnx",
                "last_hidden_state",
                Pooling.MEAN,
                32);
        assertTrue(loader.textTower(dinov2).isEmpty());
        assertTrue(loader.textTower(BuiltinModels.PHASH).isEmpty());
        NoTextSideException e = assertThrows(NoTextSideException.class, () -> loader.loadText(dinov2));
        assertEquals("model dinov2 has no text side (only CLIP-family models embed text)", e.getMessage());
    }

    @Test
    void emptyTextIsRefusedAndLongTextIsMarkedTruncated() throws IOException {
        try (TextModel model = new ModelLoader(null, CPU).loadText(tinyClip("onnx/vision_model.onnx"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.embed(" \t"));
            assertTrue(e.getMessage().startsWith("empty text"), e.getMessage());
            assertTrue(model.embed("bus ".repeat(100)).truncated());
            assertFalse(model.embed("a bus").truncated());
        }
    }

    @Test
    void theIdentityIsTheImageTowersBesideIt() throws IOException {
        OnnxModelSpec spec = tinyClip("onnx/vision_model.onnx");
        try (TextModel model = new ModelLoader(null, CPU).loadText(spec)) {
            assertEquals(ModelIdentity.of(spec, CLIP_TINY), model.identity());
        }
        Path other = copyOfTinyClip();
        byte[] vision = Files.readAllBytes(other.resolve("onnx/vision_model.onnx"));
        vision[vision.length - 1] ^= 1;
        Files.write(other.resolve("onnx/vision_model.onnx"), vision);
        OnnxModelSpec elsewhere =
                ModelSpec.local("clip", other, "onnx/vision_model.onnx", "image_embeds", Pooling.NONE, 16);
        try (TextModel model = new ModelLoader(null, CPU).loadText(elsewhere)) {
            assertNotEquals(
                    ModelIdentity.of(spec, CLIP_TINY),
                    model.identity(),
                    "a text tower beside another image tower has that tower's identity");
        }
    }

    private static void assertMatchesPyTorch(OnnxModelSpec spec, boolean masked) throws IOException {
        JsonNode queries = new ObjectMapper()
                .readTree(fixtures().resolve("text/queries.json").toFile());
        NpyArray reference = NpyArray.read(fixtures().resolve("embeddings/clip-text/queries.npy"));
        List<String> texts = new ArrayList<>();
        queries.forEach(q -> texts.add(q.get("text").asText()));
        texts.remove(""); // the CLI refuses empty text; the reference still has its [start, end] embedding
        try (TextModel model = new ModelLoader(null, CPU).loadText(spec)) {
            assertEquals(masked, model.encoder().takesAttentionMask());
            // One batch: the texts are padded to the longest (77 ids), unlike the references' single runs.
            List<TextEmbedding> embeddings = model.embed(texts);
            int row = 0;
            double worst = 0;
            for (JsonNode query : queries) {
                if (query.get("text").asText().isEmpty()) {
                    row++;
                    continue;
                }
                float[] got = embeddings
                        .get(texts.indexOf(query.get("text").asText()))
                        .vector();
                worst = Math.max(worst, maxRelativeError(got, reference, row++));
            }
            System.out.printf(
                    java.util.Locale.ROOT,
                    "text parity (%s): max relative error %.3e over %d texts%n",
                    masked ? "with attention_mask" : "input_ids",
                    worst,
                    texts.size());
            assertTrue(worst < 1e-4, "max relative error " + worst);
        }
    }

    private static double maxRelativeError(float[] got, NpyArray reference, int row) {
        int dim = reference.shape()[1];
        assertEquals(dim, got.length);
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < dim; i++) {
            float expected = reference.data()[row * dim + i];
            scale = Math.max(scale, Math.abs(expected));
            diff = Math.max(diff, Math.abs(got[i] - expected));
        }
        return diff / scale;
    }

    private static Path copyOfTinyClip() throws IOException {
        Path dir = Files.createTempDirectory("clip-tiny");
        try (var files = Files.walk(CLIP_TINY)) {
            for (Path file : files.toList()) {
                Path target = dir.resolve(CLIP_TINY.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return dir;
    }
}
