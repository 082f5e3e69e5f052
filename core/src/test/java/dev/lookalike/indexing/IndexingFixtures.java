package dev.lookalike.indexing;

import dev.lookalike.embed.Device;
import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.embed.Pooling;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.image.SamplePhotos;
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
import java.util.List;

/**
 * The tiny fixture models (made by tools/fixtures/make_model_fixtures.py) and the sample COCO photos
 * ({@link SamplePhotos}), shared by the indexing and search tests and the crash child.
 */
public final class IndexingFixtures {

    /** One inference thread on the CPU: the same arithmetic in every process, whatever the batch. */
    public static final EmbedderOptions CPU = new EmbedderOptions(1, Device.CPU);

    private IndexingFixtures() {}

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
            return Path.of(IndexingFixtures.class
                    .getResource("/fixtures/models/" + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code count} of the sample photos (samples/coco) picked with {@code seed}, sorted by name. */
    public static List<Path> pickPhotos(int count, long seed) {
        return SamplePhotos.pick(count, seed);
    }

    /** The first {@code count} sample photos, in name order, that are not among {@code taken}. */
    public static List<Path> photosBesides(List<Path> taken, int count) {
        List<Path> others = SamplePhotos.all().stream()
                .filter(photo -> !taken.contains(photo))
                .toList();
        return others.subList(0, count);
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

    /** Writes {@code source}'s bytes to {@code target} (copies are writable whatever the source's permissions). */
    public static Path copy(Path source, Path target) {
        try {
            Files.createDirectories(target.getParent());
            return Files.write(target, Files.readAllBytes(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
