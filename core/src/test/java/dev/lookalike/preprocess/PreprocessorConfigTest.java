package dev.lookalike.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.image.ImageFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessorConfigTest {

    @Test
    void readsClipsLegacyIntegers() throws IOException {
        PreprocessorConfig clip = PreprocessorConfig.read(ImageFixtures.path("configs/clip/preprocessor_config.json"));

        assertEquals(new ResizeTarget.ShortestEdge(224), clip.size());
        assertEquals(new ImageSize(224, 224), clip.cropSize());
        assertEquals(Resample.BICUBIC, clip.resample());
        assertEquals(1 / 255.0, clip.rescaleFactor());
        assertTrue(clip.doResize()
                && clip.doCenterCrop()
                && clip.doRescale()
                && clip.doNormalize()
                && clip.doConvertRgb());
        assertArrayEquals(new double[] {0.48145466, 0.4578275, 0.40821073}, clip.imageMean());
        assertArrayEquals(new double[] {0.26862954, 0.26130258, 0.27577711}, clip.imageStd());
    }

    @Test
    void readsDinov2sDicts() throws IOException {
        PreprocessorConfig dino =
                PreprocessorConfig.read(ImageFixtures.path("configs/dinov2/preprocessor_config.json"));

        assertEquals(new ResizeTarget.ShortestEdge(256), dino.size());
        assertEquals(new ImageSize(224, 224), dino.cropSize());
        assertArrayEquals(new double[] {0.485, 0.456, 0.406}, dino.imageMean());
        assertArrayEquals(new double[] {0.229, 0.224, 0.225}, dino.imageStd());
    }

    @Test
    void readsAnExactSizeAndExplicitFlags() throws IOException {
        PreprocessorConfig config = PreprocessorConfig.parse("""
                {"size": {"height": 100, "width": 50}, "crop_size": {"height": 30, "width": 40},
                 "resample": 2, "do_center_crop": false, "do_normalize": false, "rescale_factor": 0.5}""");

        assertEquals(new ImageSize(100, 50), config.size());
        assertEquals(new ImageSize(30, 40), config.cropSize());
        assertEquals(Resample.BILINEAR, config.resample());
        assertEquals(0.5, config.rescaleFactor());
        assertTrue(!config.doCenterCrop() && !config.doNormalize() && config.doRescale());
        assertArrayEquals(new int[] {3, 100, 50}, new Preprocessor(config).inputShape());
    }

    @Test
    void absentKeysTakeTransformersDefaults() throws IOException {
        PreprocessorConfig config = PreprocessorConfig.parse("{}");

        assertEquals(new ResizeTarget.ShortestEdge(224), config.size());
        assertEquals(new ImageSize(224, 224), config.cropSize());
        assertEquals(Resample.BICUBIC, config.resample());
        assertArrayEquals(PreprocessorConfig.OPENAI_CLIP_MEAN, config.imageMean());
    }

    @Test
    void shortestEdgeKeepsTheAspectRatioAsTransformersRounds() {
        ResizeTarget target = new ResizeTarget.ShortestEdge(224);

        assertEquals(new ImageSize(224, 298), target.outputSize(240, 320));
        assertEquals(new ImageSize(3733, 224), target.outputSize(1000, 60));
        assertEquals(new ImageSize(224, 224), target.outputSize(1, 1));
    }

    @Test
    void rejectsWhatItCannotHonour(@TempDir Path temp) throws IOException {
        Path hamming = Files.writeString(temp.resolve("preprocessor_config.json"), "{\"resample\": 5}");
        IOException e = assertThrows(IOException.class, () -> PreprocessorConfig.read(hamming));
        assertTrue(
                e.getMessage().contains(hamming.toString()) && e.getMessage().contains("resample 5"), e.getMessage());

        assertThrows(
                IllegalArgumentException.class, () -> PreprocessorConfig.parse("{\"size\": {\"longest_edge\": 9}}"));
        assertThrows(IllegalArgumentException.class, () -> PreprocessorConfig.parse("{\"image_mean\": [0.5, 0.5]}"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Preprocessor(PreprocessorConfig.parse("{\"do_center_crop\": false}")));
    }
}
