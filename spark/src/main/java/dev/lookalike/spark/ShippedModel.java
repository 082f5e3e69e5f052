package dev.lookalike.spark;

import dev.lookalike.embed.Pooling;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.model.OnnxModelSpec;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkFiles;

/**
 * A model as the executors get it: its identity, how its output becomes a vector, and where its files are. Either a
 * directory every executor can read ({@code --model-shipping shared}, and always in local mode), or files added to
 * the job with {@code SparkContext.addFile} under names prefixed by the model's hash, which each executor puts back
 * into a model directory of its own.
 *
 * @param identity    the model's identity, computed on the driver
 * @param onnxFile    the ONNX file's path inside the model directory
 * @param sharedDir   the model directory, when shared; null when shipped
 */
record ShippedModel(SerializableIdentity identity, String onnxFile, String sharedDir) implements Serializable {

    /** {@link ModelIdentity} is not serializable; this carries its fields. */
    record SerializableIdentity(String name, String definitionSha256, String output, String pooling, int dimension)
            implements Serializable {

        static SerializableIdentity of(ModelIdentity id) {
            return new SerializableIdentity(
                    id.name(), id.definitionSha256(), id.output(), id.pooling(), id.dimension());
        }

        ModelIdentity toIdentity() {
            return new ModelIdentity(name, definitionSha256, output, pooling, dimension);
        }
    }

    /** The files a model directory needs, relative to it. */
    List<String> files() {
        return List.of(ModelSpec.PREPROCESSOR_CONFIG, onnxFile);
    }

    /** The name a file is shipped under: flat, and unique per model. */
    String shippedName(String file) {
        return identity.definitionSha256().substring(0, 16) + "-" + file.replace('/', '_');
    }

    /** A spec of the model in a directory on this machine: the shared one, or one rebuilt from shipped files. */
    OnnxModelSpec localSpec(Path scratch) throws IOException {
        Path dir = sharedDir != null ? Path.of(sharedDir) : rebuild(scratch);
        return ModelSpec.local(
                identity.name(),
                dir,
                onnxFile,
                identity.output(),
                Pooling.valueOf(identity.pooling().toUpperCase(Locale.ROOT)),
                identity.dimension());
    }

    /** Links the shipped files into hub layout under {@code scratch}; SparkFiles are flat. */
    private Path rebuild(Path scratch) throws IOException {
        Path dir = Files.createDirectories(scratch.resolve(identity.definitionSha256()));
        for (String file : files()) {
            Path link = dir.resolve(file);
            if (!Files.exists(link)) {
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, Path.of(SparkFiles.get(shippedName(file))));
            }
        }
        return dir;
    }
}
