package dev.lookalike.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.embed.Pooling;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelLoader;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.model.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingPipelineTest {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");
    private static final List<String> IMAGES = List.of(
            "000000000357.jpg", "tiny.png", "000000001503.jpg", "panorama.png", "gray.png", "rgba.png", "palette.png");

    private static ImageModel clip;
    private static ImageModel dinov2;

    @TempDir
    Path temp;

    @BeforeAll
    static void load() throws IOException {
        ModelLoader loader = new ModelLoader(null, EmbedderOptions.defaults());
        Path models = FIXTURES.resolve("models");
        clip = loader.load(ModelSpec.local(
                "clip", models.resolve("clip-tiny"), "onnx/vision_model.onnx", "image_embeds", Pooling.NONE, 16));
        dinov2 = loader.load(ModelSpec.local(
                "dinov2", models.resolve("dinov2-tiny"), "onnx/model.onnx", "last_hidden_state", Pooling.MEAN, 32));
    }

    @AfterAll
    static void close() {
        clip.close();
        dinov2.close();
    }

    @Test
    void everyFileComesOutInOrderWithBothModelsWhateverTheBatchSize() throws Exception {
        List<Path> files = new ArrayList<>();
        IMAGES.forEach(name -> files.add(FIXTURES.resolve("images").resolve(name)));
        files.add(2, corrupt("broken.jpg"));
        files.add(6, temp.resolve("missing.png"));
        ImageDecoder decoder = new ImageDecoder();

        for (int batch : new int[] {1, 3, 4, 16}) {
            List<EmbeddedImage> out = new ArrayList<>();
            try (EmbeddingPipeline pipeline = new EmbeddingPipeline(List.of(clip, dinov2), decoder, batch, 2)) {
                pipeline.run(files.iterator(), out::add);
            }
            assertEquals(files.size(), out.size(), "batch " + batch);
            for (int i = 0; i < files.size(); i++) {
                EmbeddedImage item = out.get(i);
                assertEquals(files.get(i), item.source(), "order at batch " + batch);
                boolean broken = i == 2 || i == 6;
                assertEquals(!broken, item.ok(), item.source() + " at batch " + batch);
                if (broken) {
                    assertTrue(item.error()
                            .orElseThrow()
                            .getMessage()
                            .contains(files.get(i).getFileName().toString()));
                    continue;
                }
                byte[] bytes = Files.readAllBytes(files.get(i));
                assertEquals(bytes.length, item.size());
                assertEquals(Sha256.of(bytes), item.sha256());
                var image = decoder.decode(files.get(i));
                assertEquals(image.width(), item.width());
                assertEquals(image.height(), item.height());
                assertClose(clip.embed(image), item.vectors().get(0));
                assertClose(dinov2.embed(image), item.vectors().get(1));
            }
        }
    }

    @Test
    void aBatchOfOnlyUnreadableFilesRunsNoInference() throws Exception {
        List<EmbeddedImage> out = new ArrayList<>();
        try (EmbeddingPipeline pipeline = new EmbeddingPipeline(List.of(clip), new ImageDecoder(), 2, 1)) {
            pipeline.run(List.of(corrupt("a.jpg"), corrupt("b.jpg")).iterator(), out::add);
            assertEquals(0, pipeline.times().inferenceNanos(), "no model ran");
        }
        assertEquals(2, out.size());
        assertFalse(out.get(0).ok() || out.get(1).ok());
    }

    private Path corrupt(String name) throws IOException {
        Path file = temp.resolve(name);
        Files.write(file, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3});
        return file;
    }

    private static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5f * Math.max(1, Math.abs(expected[i])), "component " + i);
        }
    }
}
