package dev.lookalike.spark;

import dev.lookalike.embed.Device;
import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.hub.HubSettings;
import dev.lookalike.hub.ModelHub;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.model.ModelLoader;
import dev.lookalike.model.OnnxImageModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models of this executor JVM, loaded on first use and shared by every task it runs: one ONNX Runtime session per
 * model per JVM, however many tasks and stages come. Sessions are thread-safe, so concurrent tasks share them.
 */
final class ExecutorModels {

    private record Key(ModelIdentity identity, int threads, Device device) {}

    private static final Map<Key, ImageModel> MODELS = new ConcurrentHashMap<>();

    private ExecutorModels() {}

    /**
     * The loaded model; the first call in a JVM loads it and checks that its files are the ones the driver hashed.
     *
     * @throws UncheckedIOException when the files are missing or another model's
     */
    static ImageModel get(ShippedModel model, int threads, Device device) {
        ModelIdentity identity = model.identity().toIdentity();
        return MODELS.computeIfAbsent(new Key(identity, threads, device), key -> load(model, key));
    }

    private static ImageModel load(ShippedModel model, Key key) {
        try {
            Path scratch = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "lookalike-models"));
            // Local specs never touch the hub; the loader wants one all the same.
            ModelHub offline = new ModelHub(
                    new HubSettings(HubSettings.DEFAULT_ENDPOINT, Optional.empty(), true, scratch.resolve("cache")));
            OnnxImageModel loaded = new ModelLoader(offline, new EmbedderOptions(key.threads(), key.device()))
                    .load(model.localSpec(scratch));
            ModelIdentity found = loaded.identity();
            if (!found.equals(key.identity())) {
                loaded.close();
                throw new IOException("model " + key.identity().name() + " on this executor (" + loaded.directory()
                        + ") has ONNX sha256 " + found.definitionSha256() + ", the driver's has "
                        + key.identity().definitionSha256());
            }
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
