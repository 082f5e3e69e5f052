package dev.lookalike.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A lookalike home whose {@code models.json} names the tiny fixture models {@code tclip} (16-d)
 * and {@code tdino} (32-d), for tests that use several models by name (bench, fusions).
 */
final class TinyCatalog {

    private TinyCatalog() {}

    /** Creates {@code home} with the {@code models.json}; returns it. */
    static Path home(Path home) throws IOException {
        Files.createDirectories(home);
        Files.writeString(home.resolve("models.json"), """
                {"models": [
                  {"name": "tclip", "dir": "%s", "onnx_file": "onnx/vision_model.onnx", "output": "image_embeds",
                   "pooling": "none", "dimension": 16},
                  {"name": "tdino", "dir": "%s", "onnx_file": "onnx/model.onnx", "output": "last_hidden_state",
                   "pooling": "mean", "dimension": 32}
                ]}
                """.formatted(json(CliFixtures.CLIP), json(CliFixtures.DINOV2)));
        return home;
    }

    private static String json(Path path) {
        return path.toAbsolutePath().normalize().toString().replace("\\", "\\\\");
    }
}
