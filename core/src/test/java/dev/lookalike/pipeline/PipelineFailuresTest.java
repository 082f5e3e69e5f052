package dev.lookalike.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecodeException;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.model.ModelSpec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline with a stand-in model: failed batches, pulling outcomes, and the stage split it chooses. */
class PipelineFailuresTest {

    @TempDir
    Path temp;

    @Test
    void anImageThatFailsItsBatchFailsAloneAndTheOthersAreEmbedded() throws Exception {
        List<Path> files =
                List.of(png("a.png", 3), png("bad.png", WidthModel.POISON), temp.resolve("gone.png"), png("b.png", 5));
        List<EmbeddedImage> out = new ArrayList<>();
        try (EmbeddingPipeline pipeline = new EmbeddingPipeline(List.of(new WidthModel(0)), new ImageDecoder(), 4, 2)) {
            pipeline.run(files.iterator(), out::add);
        }
        assertEquals(files, out.stream().map(EmbeddedImage::source).toList());
        assertEquals(
                List.of(true, false, false, true),
                out.stream().map(EmbeddedImage::ok).toList());
        assertEquals(3f, out.get(0).vectors().get(0)[0]);
        assertEquals(5f, out.get(3).vectors().get(0)[0]);
        assertEquals(
                files.get(1) + ": embedding failed: cannot embed a 7-pixel-wide image",
                out.get(1).error().orElseThrow().getMessage());
        assertTrue(out.get(2).error().orElseThrow().getMessage().contains("no such file"));
        assertEquals(files.get(1), out.get(1).error().orElseThrow().file());
    }

    @Test
    void aBatchWhoseImagesAllFailAloneFailsTheRunNotTheImages() throws Exception {
        List<Path> files = List.of(png("bad1.png", WidthModel.POISON), png("bad2.png", WidthModel.POISON));
        try (EmbeddingPipeline pipeline = new EmbeddingPipeline(List.of(new WidthModel(0)), new ImageDecoder(), 2, 1)) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> pipeline.run(files.iterator(), item -> {}));
            assertEquals("cannot embed a 7-pixel-wide image", e.getMessage());
        }
    }

    @Test
    void pullingGivesTheOutcomesInOrderFromAnySource() throws Exception {
        List<ImageSource> sources = new ArrayList<>();
        for (int width = 1; width <= 7; width++) {
            sources.add(width == 4 ? unreadable("four") : ImageSource.file(png("w" + width + ".png", width + 10)));
        }
        try (EmbeddingPipeline pipeline = new EmbeddingPipeline(List.of(new WidthModel(0)), new ImageDecoder(), 3, 2)) {
            Iterator<EmbeddedImage> out = pipeline.embed(sources.iterator());
            for (int width = 1; width <= 7; width++) {
                assertTrue(out.hasNext());
                EmbeddedImage item = out.next();
                assertEquals(sources.get(width - 1).path(), item.source());
                if (width == 4) {
                    assertEquals(
                            "four: the store is down",
                            item.error().orElseThrow().getMessage());
                } else {
                    assertEquals(width + 10f, item.vectors().get(0)[0]);
                }
            }
            assertFalse(out.hasNext());
        }
    }

    @Test
    void aSlowModelGetsOneDecodingWorkerAndTheChoiceIsReported() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            files.add(png("p" + i + ".png", 8));
        }
        try (EmbeddingPipeline pipeline =
                new EmbeddingPipeline(List.of(new WidthModel(30)), new ImageDecoder(), 4, 0)) {
            pipeline.run(files.iterator(), item -> assertTrue(item.ok()));
            StageSplit split = pipeline.split();
            assertTrue(split.adaptive());
            assertEquals(Runtime.getRuntime().availableProcessors(), split.maxWorkers());
            assertEquals(1, split.decodeWorkers(), split.describe());
            assertFalse(split.decodeBound(), split.describe());
            assertTrue(split.inferenceMillis() >= 30, split.describe());
            assertTrue(split.describe().contains("model-bound"), split.describe());
        }
    }

    private Path png(String name, int width) throws IOException {
        Path file = temp.resolve(name);
        ImageIO.write(new BufferedImage(width, 2, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
        return file;
    }

    private static ImageSource unreadable(String name) {
        return new ImageSource() {
            @Override
            public Path path() {
                return Path.of(name);
            }

            @Override
            public byte[] read() throws ImageDecodeException {
                throw new ImageDecodeException(Path.of(name), "the store is down");
            }
        };
    }

    /** A 1-d model whose vector is the image's width, that fails any batch holding a {@link #POISON}-wide image. */
    private static final class WidthModel implements ImageModel {
        static final int POISON = 7;
        private final long millisPerImage;

        WidthModel(long millisPerImage) {
            this.millisPerImage = millisPerImage;
        }

        @Override
        public ModelSpec spec() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ModelIdentity identity() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public FloatBuffer allocateBatch(int count) {
            return FloatBuffer.allocate(count);
        }

        @Override
        public void preprocessInto(DecodedImage image, FloatBuffer batch, int slot) {
            batch.put(slot, image.width());
        }

        @Override
        public float[][] embedBatch(FloatBuffer batch, int count) {
            float[][] vectors = new float[count][];
            for (int i = 0; i < count; i++) {
                if (batch.get(i) == POISON) {
                    throw new IllegalStateException("cannot embed a " + POISON + "-pixel-wide image");
                }
                vectors[i] = new float[] {batch.get(i)};
            }
            try {
                Thread.sleep(millisPerImage * count);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return vectors;
        }

        @Override
        public void close() {}
    }
}
