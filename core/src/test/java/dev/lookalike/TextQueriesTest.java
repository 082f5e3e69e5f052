package dev.lookalike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.embed.Device;
import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.embed.Pooling;
import dev.lookalike.hub.HubSettings;
import dev.lookalike.indexing.IndexingOptions;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.model.NoTextSideException;
import dev.lookalike.model.OnnxModelSpec;
import dev.lookalike.search.IndexSearcher;
import dev.lookalike.search.SearchHit;
import dev.lookalike.search.SearchResults;
import dev.lookalike.search.Similarity;
import dev.lookalike.search.ZeroShot;
import dev.lookalike.store.ModelMismatchException;
import dev.lookalike.vector.VectorUtil;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text queries through the facade against a brute force over the same models' vectors. */
class TextQueriesTest {

    static final List<String> PHOTOS = List.of(
            "000000000357.jpg",
            "000000000472.jpg",
            "000000000560.jpg",
            "000000001503.jpg",
            "000000005586.jpg",
            "baseline444.jpg",
            "cmyk.jpg",
            "exif1.jpg",
            "gray_jpeg.jpg");

    @TempDir
    static Path tmp;

    static Path photos;
    static Path index;
    static OnnxModelSpec clip;

    static Path fixtures() {
        try {
            return Path.of(TextQueriesTest.class.getResource("/fixtures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void indexPhotos() throws IOException, InterruptedException {
        photos = Files.createDirectories(tmp.resolve("photos"));
        for (String name : PHOTOS) {
            Files.copy(fixtures().resolve("images").resolve(name), photos.resolve(name));
        }
        clip = ModelSpec.local(
                "clip",
                fixtures().resolve("models/clip-tiny"),
                "onnx/vision_model.onnx",
                "image_embeds",
                Pooling.NONE,
                16);
        index = tmp.resolve("photos.lookalike");
        try (Lookalike lookalike = lookalike()) {
            lookalike.index(photos, index, List.of(clip), IndexingOptions.defaults());
        }
    }

    static Lookalike lookalike() {
        return Lookalike.builder()
                .hub(HubSettings.fromEnvironment(tmp.resolve("home")))
                .embedder(new EmbedderOptions(1, Device.CPU))
                .build();
    }

    @Test
    void searchByTextRanksAsABruteForceOverTheImageVectors() throws IOException {
        for (String text : List.of("a photo of a cat", "a red bus at night", "two dogs playing in the snow")) {
            try (Lookalike lookalike = lookalike();
                    IndexSearcher searcher = IndexSearcher.open(index)) {
                SearchResults results = lookalike.searchText(searcher, text, List.of(clip), 4);
                assertEquals(text, results.query());
                List<SearchHit> hits = results.byModel().get("clip");
                float[] query = lookalike.textModel(clip).embed(text).vector();
                List<SearchHit> expected = bruteForce(lookalike, query);
                assertEquals(4, hits.size());
                for (int i = 0; i < hits.size(); i++) {
                    assertEquals(expected.get(i).path(), hits.get(i).path(), text + ", rank " + (i + 1));
                    assertEquals(expected.get(i).cosine(), hits.get(i).cosine(), 1e-5);
                }
            }
        }
    }

    @Test
    void anIndexRefusesATextTowerBesideAnotherImageTower() throws IOException {
        Path other = Files.createDirectories(tmp.resolve("other-clip/onnx"));
        Path tiny = fixtures().resolve("models/clip-tiny");
        for (String file : List.of(
                "config.json",
                "preprocessor_config.json",
                "tokenizer.json",
                "tokenizer_config.json",
                "onnx/text_model.onnx")) {
            Files.copy(tiny.resolve(file), other.getParent().resolve(file));
        }
        byte[] vision = Files.readAllBytes(tiny.resolve("onnx/vision_model.onnx"));
        vision[vision.length - 1] ^= 1;
        Files.write(other.resolve("vision_model.onnx"), vision);
        OnnxModelSpec elsewhere =
                ModelSpec.local("clip", other.getParent(), "onnx/vision_model.onnx", "image_embeds", Pooling.NONE, 16);
        try (Lookalike lookalike = lookalike();
                IndexSearcher searcher = IndexSearcher.open(index)) {
            assertThrows(
                    ModelMismatchException.class, () -> lookalike.searchText(searcher, "a cat", List.of(elsewhere), 3));
        }
    }

    @Test
    void aModelWithoutATextSideIsNamed() throws IOException {
        OnnxModelSpec dinov2 = ModelSpec.local(
                "dinov2",
                fixtures().resolve("models/dinov2-tiny"),
                "onnx/model.onnx",
                "last_hidden_state",
                Pooling.MEAN,
                32);
        try (Lookalike lookalike = lookalike();
                IndexSearcher searcher = IndexSearcher.open(index)) {
            assertTrue(lookalike.hasTextSide(clip));
            assertTrue(!lookalike.hasTextSide(dinov2));
            NoTextSideException e = assertThrows(
                    NoTextSideException.class, () -> lookalike.searchText(searcher, "a cat", List.of(dinov2), 3));
            assertTrue(e.getMessage().contains("dinov2 has no text side"), e.getMessage());
        }
    }

    @Test
    void compareTextIsTheCosineOfTheTwoTowersVectors() throws IOException {
        Path image = photos.resolve("000000000472.jpg");
        try (Lookalike lookalike = lookalike()) {
            Similarity similarity =
                    lookalike.compareText("a bus", image, List.of(clip)).getFirst();
            float[] text = lookalike.textModel(clip).embed("a bus").vector();
            float[] picture = lookalike.model(clip).embed(lookalike.decoder().decode(image));
            assertEquals("clip", similarity.model());
            assertEquals(VectorUtil.cosine(text, picture), similarity.cosine(), 1e-6);
        }
    }

    @Test
    void classifyGivesTheSoftmaxOfTheScaledCosines() throws IOException {
        List<String> labels = List.of("cat", "dog", "a bus");
        Path image = photos.resolve("000000001503.jpg");
        try (Lookalike lookalike = lookalike()) {
            List<ZeroShot.Label> result = lookalike
                    .classify(List.of(image), labels, "a photo of a {}", clip, 100)
                    .getFirst();
            float[] picture = lookalike.model(clip).embed(lookalike.decoder().decode(image));
            double[] logits = new double[3];
            double sum = 0;
            for (int i = 0; i < 3; i++) {
                float[] text = lookalike
                        .textModel(clip)
                        .embed("a photo of a " + labels.get(i))
                        .vector();
                logits[i] = 100 * VectorUtil.cosine(picture, text);
            }
            double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
            for (double logit : logits) {
                sum += Math.exp(logit - max);
            }
            assertEquals(
                    1.0,
                    result.stream().mapToDouble(ZeroShot.Label::probability).sum(),
                    1e-9);
            for (ZeroShot.Label label : result) {
                int i = labels.indexOf(label.label());
                assertEquals("a photo of a " + labels.get(i), label.prompt());
                assertEquals(Math.exp(logits[i] - max) / sum, label.probability(), 1e-5);
            }
            assertTrue(result.get(0).probability() >= result.get(1).probability());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> lookalike.classify(List.of(image), labels, "no placeholder", clip, 100));
        }
    }

    private static List<SearchHit> bruteForce(Lookalike lookalike, float[] query) throws IOException {
        List<SearchHit> all = new ArrayList<>();
        for (String name : PHOTOS) {
            float[] vector = lookalike.model(clip).embed(lookalike.decoder().decode(photos.resolve(name)));
            double cosine = VectorUtil.cosine(query, vector);
            all.add(new SearchHit(0, name, cosine, 2 - 2 * cosine));
        }
        all.sort(Comparator.comparingDouble(SearchHit::cosine).reversed().thenComparing(SearchHit::path));
        return all;
    }
}
