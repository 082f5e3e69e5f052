package dev.lookalike.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.embed.Device;
import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.embed.Pooling;
import dev.lookalike.hub.HubSettings;
import dev.lookalike.hub.ModelHub;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.image.SamplePhotos;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelLoader;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.model.Sha256;
import dev.lookalike.parquet.DatasetLayout;
import dev.lookalike.parquet.EmbeddingDataset;
import dev.lookalike.parquet.EmbeddingRow;
import dev.lookalike.parquet.ParquetImporter;
import dev.lookalike.store.FileRecord;
import dev.lookalike.store.FileStatus;
import dev.lookalike.store.IndexStore;
import dev.lookalike.vector.VectorUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job in local[2] on COCO photos with the tiny fixture models, checked against the library itself. */
class EmbedJobTest {

    private static final Path MODELS = Path.of("..", "core", "src", "test", "resources", "fixtures", "models");
    private static final int PHOTOS = 20;

    @TempDir
    static Path tmp;

    private static Path home;
    private static Path photos;
    private static Path out;
    private static JobReport firstRun;
    private static ModelLoader loader;
    private static final Map<String, ImageModel> reference = new HashMap<>();

    @BeforeAll
    static void embedAFolder() throws IOException {
        home = Files.createDirectory(tmp.resolve("home"));
        Files.writeString(home.resolve("models.json"), """
                {"models": [
                  {"name": "clip-tiny", "dir": "%s", "onnx_file": "onnx/vision_model.onnx", "output": "image_embeds",
                   "pooling": "none", "dimension": 16},
                  {"name": "dinov2-tiny", "dir": "%s", "onnx_file": "onnx/model.onnx", "output": "last_hidden_state",
                   "pooling": "mean", "dimension": 32}
                ]}""".formatted(
                        MODELS.resolve("clip-tiny").toAbsolutePath(),
                        MODELS.resolve("dinov2-tiny").toAbsolutePath()));
        photos = Files.createDirectories(tmp.resolve("photos").resolve("sub"));
        photos = photos.getParent();
        List<Path> sources = SamplePhotos.first(PHOTOS);
        for (int i = 0; i < sources.size(); i++) {
            Files.copy(
                    sources.get(i),
                    photos.resolve((i % 2 == 0 ? "" : "sub/") + sources.get(i).getFileName()));
        }
        byte[] noise = new byte[1024];
        new Random(5L).nextBytes(noise);
        Files.write(photos.resolve("sub/broken.jpg"), noise);
        Files.writeString(photos.resolve("notes.txt"), "not an image");

        out = tmp.resolve("out");
        firstRun = new EmbedJob(SharedSpark.get())
                .run(options(photos.toString(), null, out, false, JobOptions.Shipping.AUTO));

        loader = new ModelLoader(
                new ModelHub(
                        new HubSettings(HubSettings.DEFAULT_ENDPOINT, Optional.empty(), true, tmp.resolve("cache"))),
                new EmbedderOptions(1, Device.CPU));
        reference.put(
                "clip-tiny",
                loader.load(ModelSpec.local(
                        "clip-tiny",
                        MODELS.resolve("clip-tiny"),
                        "onnx/vision_model.onnx",
                        "image_embeds",
                        Pooling.NONE,
                        16)));
        reference.put(
                "dinov2-tiny",
                loader.load(ModelSpec.local(
                        "dinov2-tiny",
                        MODELS.resolve("dinov2-tiny"),
                        "onnx/model.onnx",
                        "last_hidden_state",
                        Pooling.MEAN,
                        32)));
    }

    @AfterAll
    static void closeModels() {
        reference.values().forEach(ImageModel::close);
    }

    private static JobOptions options(
            String input, String list, Path output, boolean resume, JobOptions.Shipping shipping) {
        return new JobOptions(
                input,
                list,
                list == null ? null : photos.toString(),
                output.toString(),
                List.of("clip-tiny", "dinov2-tiny"),
                home,
                4,
                3,
                1,
                Device.CPU,
                shipping,
                resume);
    }

    private static Map<String, EmbeddingRow> rows(Path dir) throws IOException {
        Map<String, EmbeddingRow> rows = new HashMap<>();
        EmbeddingDataset.open(dir).forEachRow(row -> rows.put(row.record().path(), row));
        return rows;
    }

    @Test
    void everyPhotoIsARowWhoseVectorsEqualTheLibrarys() throws IOException {
        assertEquals(PHOTOS, firstRun.embedded());
        Map<String, EmbeddingRow> rows = rows(out);
        assertEquals(PHOTOS + 1, rows.size(), rows.keySet().toString());
        ImageDecoder decoder = new ImageDecoder();
        double worst = 0;
        for (EmbeddingRow row : rows.values()) {
            FileRecord record = row.record();
            if (record.status() != FileStatus.OK) {
                continue;
            }
            Path file = photos.resolve(record.path());
            byte[] bytes = Files.readAllBytes(file);
            DecodedImage image = decoder.decode(bytes, file);
            assertEquals(Sha256.of(bytes), record.sha256());
            assertEquals(bytes.length, record.size());
            assertEquals(Files.getLastModifiedTime(file).toMillis(), record.mtimeMillis());
            assertEquals(image.width(), record.width());
            assertEquals(image.height(), record.height());
            for (Map.Entry<String, ImageModel> model : reference.entrySet()) {
                float[] expected = VectorUtil.l2Normalized(model.getValue().embed(image));
                float[] actual = row.vectors().get(model.getKey());
                assertEquals(expected.length, actual.length);
                for (int i = 0; i < expected.length; i++) {
                    worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
                }
            }
        }
        assertTrue(worst <= 1e-5, "largest difference " + worst);
    }

    @Test
    void aCorruptFileIsAnErrorRowNotAFailedJob() throws IOException {
        assertEquals(1, firstRun.errors());
        EmbeddingRow broken = rows(out).get("sub/broken.jpg");
        assertEquals(FileStatus.SKIPPED, broken.record().status());
        assertTrue(
                broken.record().error().contains("broken.jpg"), broken.record().error());
        assertTrue(broken.vectors().isEmpty());
        assertEquals(1024, broken.record().size());
    }

    @Test
    void theOutputImportsIntoAnIndex() throws IOException {
        try (IndexStore store = IndexStore.create(
                tmp.resolve("index"), photos.toAbsolutePath().normalize().toString(), "test")) {
            new ParquetImporter(8).importInto(EmbeddingDataset.open(out), store);
            assertEquals(PHOTOS, store.vectors("clip-tiny").count());
            assertEquals(PHOTOS + 1, store.files().size());
        }
    }

    @Test
    void writingAgainWithoutResumeIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new EmbedJob(SharedSpark.get())
                        .run(options(photos.toString(), null, out, false, JobOptions.Shipping.AUTO)));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    }

    @Test
    void resumeAfterAKilledRunEmbedsTheRestOnce() throws IOException {
        Path resumed = tmp.resolve("resumed");
        Path list = tmp.resolve("first-eight.csv");
        List<String> firstEight = new ArrayList<>(List.of("path"));
        try (Stream<Path> files = Files.list(photos)) {
            files.filter(f -> f.toString().endsWith(".jpg"))
                    .sorted()
                    .limit(8)
                    .forEach(f -> firstEight.add(f.getFileName().toString()));
        }
        Files.write(list, firstEight);
        JobReport partial = new EmbedJob(SharedSpark.get())
                .run(options(null, list.toString(), resumed, false, JobOptions.Shipping.FILES));
        assertEquals(8, partial.embedded());
        killedRun(resumed);

        JobReport rest = new EmbedJob(SharedSpark.get())
                .run(options(photos.toString(), null, resumed, true, JobOptions.Shipping.FILES));

        assertEquals(1, rest.deletedRuns());
        assertEquals(PHOTOS - 8, rest.embedded());
        assertEquals(1, rest.errors());
        List<Path> runs = EmbeddingDataset.open(resumed).committedRuns();
        assertEquals(2, runs.size());
        long rowsOnDisk = SharedSpark.get()
                .read()
                .parquet(runs.stream().map(Path::toString).toArray(String[]::new))
                .count();
        assertEquals(PHOTOS + 1, rowsOnDisk, "every image once, none twice");
        assertEquals(rows(out).keySet(), rows(resumed).keySet());
        try (Stream<Path> entries = Files.list(resumed)) {
            assertFalse(
                    entries.anyMatch(
                            p -> DatasetLayout.isRunName(p.getFileName().toString())
                                    && !Files.exists(p.resolve(DatasetLayout.SUCCESS))),
                    "the killed run is gone");
        }
    }

    /** Also: executors read with the driver's Hadoop configuration, the only one that knows the scheme alias:. */
    @Test
    void resumeRetriesErrorRowsAndAColonIsNotOutsideTheRoot() throws IOException {
        AliasFileSystem.register(SharedSpark.get().sparkContext().hadoopConfiguration());
        Path folder = Files.createDirectory(tmp.resolve("retry"));
        Path list = Files.writeString(tmp.resolve("retry.csv"), "path\n12:30.jpg\nflaky.jpg\n");
        Files.copy(photos.resolve("sub").resolve(firstPhoto(photos.resolve("sub"))), folder.resolve("12:30.jpg"));
        Files.write(folder.resolve("flaky.jpg"), new byte[] {1, 2, 3});
        Path output = tmp.resolve("retried");
        JobReport first = new EmbedJob(SharedSpark.get()).run(retryOptions(list, folder, output, false));
        EmbeddingRow colon = rows(output).get("12:30.jpg");
        assertEquals(
                FileStatus.OK,
                colon.record().status(),
                "under the root: " + colon.record().error());
        assertEquals(1, first.embedded());
        assertEquals(1, first.errors());

        Files.copy(folder.resolve("12:30.jpg"), folder.resolve("flaky.jpg"), StandardCopyOption.REPLACE_EXISTING);
        JobReport resumed = new EmbedJob(SharedSpark.get()).run(retryOptions(list, folder, output, true));

        assertEquals(1, resumed.embedded(), "only the error row is retried");
        assertEquals(0, resumed.errors());
        Map<String, EmbeddingRow> rows = rows(output);
        assertEquals(FileStatus.OK, rows.get("flaky.jpg").record().status(), "the later run's row wins");
        assertEquals(FileStatus.OK, rows.get("12:30.jpg").record().status());
        assertEquals(
                List.of("12:30.jpg", "flaky.jpg"),
                EmbeddingDataset.open(output).vectors("clip-tiny").paths());
    }

    private static String firstPhoto(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".jpg") && !n.startsWith("broken"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static JobOptions retryOptions(Path list, Path root, Path output, boolean resume) {
        return new JobOptions(
                null,
                list.toString(),
                "alias://" + root.toAbsolutePath(),
                output.toString(),
                List.of("clip-tiny"),
                home,
                4,
                1,
                1,
                Device.CPU,
                JobOptions.Shipping.AUTO,
                resume);
    }

    /**
     * What a job killed during its commit leaves: a run directory with one part file moved into place, another
     * half-written under {@code _temporary}, and no {@code _SUCCESS}.
     */
    private static void killedRun(Path output) throws IOException {
        Path committed = EmbeddingDataset.open(output).committedRuns().get(0);
        Path part;
        try (Stream<Path> files = Files.list(committed)) {
            part = files.filter(f -> DatasetLayout.isPartName(f.getFileName().toString()))
                    .findFirst()
                    .orElseThrow();
        }
        Path killed = Files.createDirectory(output.resolve(DatasetLayout.newRunName(java.time.Instant.now())));
        Files.copy(part, killed.resolve(part.getFileName()));
        Path attempt = Files.createDirectories(killed.resolve("_temporary/0/_temporary/attempt_0001_m_000001_1"));
        byte[] bytes = Files.readAllBytes(part);
        Files.write(attempt.resolve("part-00001.snappy.parquet"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
    }
}
