package dev.lookalike.indexing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lookalike.embed.Device;
import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.embed.Pooling;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelCatalog;
import dev.lookalike.model.ModelLoader;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.model.OnnxModelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The tiny fixture models (made by tools/fixtures/make_model_fixtures.py) and COCO photos from
 * ../shared/data/coco, shared by the indexing and search tests and the crash child.
 */
public final class IndexingFixtures {

    /** One inference thread on the CPU: the same arithmetic in every process, whatever the batch. */
    public static final EmbedderOptions CPU = new EmbedderOptions(1, Device.CPU);

    private static final Path COCO = Path.of("../../shared/data/coco/images");

    private IndexingFixtures() {
    }

    /** The tiny CLIP (16-d {@code image_embeds}) under {@code name}. */
    public static OnnxModelSpec clip(String name) {
        return ModelSpec.local(name, modelDir("clip-tiny"), "onnx/vision_model.onnx", "image_embeds", Pooling.NONE, 16);
    }

    /** The tiny DINOv2 (32-d mean of {@code last_hidden_state}) under {@code name}. */
    public static OnnxModelSpec dinov2(String name) {
        return ModelSpec.local(name, modelDir("dinov2-tiny"), "onnx/model.onnx", "last_hidden_state", Pooling.MEAN, 32);
    }

    /** Both tiny models, named {@code clip} and {@code dinov2}. */
    public static List<ModelSpec> bothModels() {
        return List.of(clip("clip"), dinov2("dinov2"));
    }

    /** The built-in models with {@code specs} in place of those of the same names. */
    public static ModelCatalog catalog(List<ModelSpec> specs) {
        ModelCatalog catalog = ModelCatalog.builtins();
        for (ModelSpec spec : specs) {
            catalog = catalog.with(spec);
        }
        return catalog;
    }

    /** Loads models on the CPU with one thread; the caller closes them. */
    public static List<ImageModel> load(List<ModelSpec> specs) throws IOException {
        ModelLoader loader = new ModelLoader(null, CPU);
        List<ImageModel> models = new ArrayList<>();
        for (ModelSpec spec : specs) {
            models.add(loader.load(spec));
        }
        return models;
    }

    /** An indexer over {@code models} with the default decoder, one decoding worker per core. */
    public static Indexer indexer(List<ImageModel> models, int batchSize, boolean prune, boolean strict) {
        return new Indexer(models, new ImageDecoder(), new IndexingOptions(batchSize, 2, prune, strict));
    }

    private static Path modelDir(String name) {
        try {
            return Path.of(IndexingFixtures.class.getResource("/fixtures/models/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every COCO photo of {@code split} ({@code val2017} or {@code train2017}), sorted; skips the test without them. */
    public static List<Path> cocoPhotos(String split) throws IOException {
        Path dir = COCO.resolve(split);
        assumeTrue(Files.isDirectory(dir), "COCO photos not found at " + dir.toAbsolutePath());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".jpg")).sorted().toList();
        }
    }

    /** {@code count} val2017 photos picked with {@code seed}, in a stable order. */
    public static List<Path> pickPhotos(int count, long seed) throws IOException {
        List<Path> all = new ArrayList<>(cocoPhotos("val2017"));
        Collections.shuffle(all, new Random(seed));
        return all.subList(0, count).stream().sorted().toList();
    }

    /** Copies {@code photos} into {@code folder} under their own names (as writable files); returns the copies. */
    public static List<Path> copyInto(Path folder, List<Path> photos) throws IOException {
        Files.createDirectories(folder);
        List<Path> copies = new ArrayList<>();
        for (Path photo : photos) {
            copies.add(copy(photo, folder.resolve(photo.getFileName().toString())));
        }
        return copies;
    }

    /** Writes {@code source}'s bytes to {@code target} (the shared photos are read-only; copies must not be). */
    public static Path copy(Path source, Path target) {
        try {
            Files.createDirectories(target.getParent());
            return Files.write(target, Files.readAllBytes(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
