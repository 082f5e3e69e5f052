package dev.lookalike.benchmark;

import dev.lookalike.Lookalike;
import dev.lookalike.hub.HubSettings;
import dev.lookalike.indexing.IndexingFixtures;
import dev.lookalike.model.ModelCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The benchmark tests' library: the tiny fixture CLIP declared as {@code tclip} (16-d) in a fresh home. */
final class TinyClipLibrary {

    private TinyClipLibrary() {}

    /** A library whose catalog has {@code tclip}, with its home in {@code home} (created). */
    static Lookalike open(Path home) throws IOException {
        Files.createDirectories(home);
        Files.writeString(home.resolve("models.json"), """
                {"models": [{"name": "tclip", "dir": "%s", "onnx_file": "onnx/vision_model.onnx",
                  "output": "image_embeds", "pooling": "none", "dimension": 16}]}
                """.formatted(IndexingFixtures.clip("tclip")
                .localDir()
                .orElseThrow()
                .toAbsolutePath()
                .normalize()
                .toString()
                .replace("\\", "\\\\")));
        return Lookalike.builder()
                .hub(HubSettings.fromEnvironment(home))
                .catalog(ModelCatalog.load(home))
                .embedder(IndexingFixtures.CPU)
                .build();
    }
}
