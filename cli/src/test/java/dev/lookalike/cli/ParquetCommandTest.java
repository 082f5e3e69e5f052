package dev.lookalike.cli;

import static dev.lookalike.cli.CliFixtures.withModel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code index export-parquet} and {@code index import-parquet} end to end, on an index the CLI built. */
class ParquetCommandTest {

    private static final String MODEL = "dinov2-tiny";

    @TempDir
    static Path tmp;

    private static Path photos;
    private static Path index;
    private static Path parquet;

    @BeforeAll
    static void indexAndExport() throws IOException {
        photos = Files.createDirectory(tmp.resolve("photos"));
        try (Stream<Path> files = Files.list(CliRun.FIXTURES.resolve("images"))) {
            for (Path photo : files.filter(f -> f.toString().endsWith(".jpg"))
                    .sorted()
                    .limit(6)
                    .toList()) {
                Files.copy(photo, photos.resolve(photo.getFileName()));
            }
        }
        byte[] noise = new byte[512];
        new Random(3L).nextBytes(noise);
        Files.write(photos.resolve("broken.jpg"), noise);
        index = tmp.resolve("index");
        CliRun indexed = CliRun.run(withModel("dinov2", "index", photos.toString(), "--index", index.toString()));
        assertEquals(0, indexed.exitCode(), indexed.toString());
        parquet = tmp.resolve("parquet");
        CliRun exported = CliRun.run("index", "export-parquet", index.toString(), "--out", parquet.toString());
        assertEquals(0, exported.exitCode(), exported.toString());
        assertTrue(exported.out().contains("exported 7 files"), exported.out());
    }

    @Test
    void importingTheExportGivesTheSameVectorsBitForBit() throws IOException {
        Path copy = tmp.resolve("copy");
        CliRun run = CliRun.run("index", "import-parquet", parquet.toString(), "--index", copy.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("7 rows, 7 imported, 0 unchanged, 1 unreadable images"), run.out());
        try (IndexStore a = IndexStore.open(index, IndexStore.Access.READ_ONLY);
                IndexStore b = IndexStore.open(copy, IndexStore.Access.READ_ONLY)) {
            StoredVectors va = a.vectors(MODEL);
            StoredVectors vb = b.vectors(MODEL);
            assertEquals(6, vb.count());
            assertEquals(va.paths(), vb.paths());
            assertArrayEquals(va.data(), vb.data());
            assertEquals(a.files(), b.files());
            assertEquals(a.info().root(), b.info().root());
        }
        CliRun again = CliRun.run("index", "import-parquet", parquet.toString(), "--index", copy.toString());
        assertTrue(again.out().contains("7 rows, 0 imported, 7 unchanged"), again.out());
    }

    @Test
    void anotherModelUnderTheSameNameIsRefused() {
        Path other = tmp.resolve("other");
        // The tiny CLIP under DINOv2's name, over the same folder.
        List<String> args = new java.util.ArrayList<>(List.of(
                "index",
                photos.toString(),
                "--index",
                other.toString(),
                "--device",
                "cpu",
                "--threads",
                "1",
                "--model-dir",
                CliFixtures.CLIP.toString(),
                "--onnx-file",
                "onnx/vision_model.onnx",
                "--model-name",
                MODEL));
        assertEquals(0, CliRun.run(args.toArray(String[]::new)).exitCode());

        CliRun run = CliRun.run("index", "import-parquet", parquet.toString(), "--index", other.toString());
        assertEquals(ExitCode.FAILED, run.exitCode(), run.toString());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains(MODEL) && run.err().contains("definitionSha256"), run.err());
    }

    @Test
    void aBadParquetFileIsOneLineNamingIt() throws IOException {
        Path bad = tmp.resolve("bad");
        try (Stream<Path> files = Files.walk(parquet)) {
            for (Path file : files.toList()) {
                Files.copy(file, bad.resolve(parquet.relativize(file).toString()));
            }
        }
        Path part;
        try (Stream<Path> files = Files.walk(bad)) {
            part = files.filter(f -> f.toString().endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
        }
        Files.writeString(part, "not parquet at all");
        CliRun run = CliRun.run(
                "index",
                "import-parquet",
                bad.toString(),
                "--index",
                tmp.resolve("x").toString());
        assertEquals(ExitCode.FAILED, run.exitCode(), run.toString());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("lookalike: " + part + ": not a Parquet file"), run.err());
    }

    @Test
    void aFolderThatIsNotADatasetIsOneLine() throws IOException {
        CliRun run = CliRun.run(
                "index",
                "import-parquet",
                photos.toString(),
                "--index",
                tmp.resolve("y").toString());
        assertEquals(ExitCode.FAILED, run.exitCode(), run.toString());
        assertEquals(
                "lookalike: " + photos + ": no such file (not a lookalike embeddings directory: no"
                        + " _lookalike.json in it)",
                run.err().strip());
    }
}
