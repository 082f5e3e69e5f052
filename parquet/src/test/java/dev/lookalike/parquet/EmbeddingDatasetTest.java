package dev.lookalike.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.store.FileRecord;
import dev.lookalike.store.StoredVectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingDatasetTest {

    @TempDir
    Path tmp;

    private EmbeddingDataset write(Path dir, List<EmbeddingRow> rows) throws IOException {
        EmbeddingDataset dataset = EmbeddingDataset.create(dir, new DatasetManifest("/photos", TestData.MODELS));
        try (RunWriter run = dataset.newRun()) {
            for (EmbeddingRow row : rows) {
                run.write(row);
            }
            run.commit();
        }
        return dataset;
    }

    private static Map<String, EmbeddingRow> read(EmbeddingDataset dataset) throws IOException {
        Map<String, EmbeddingRow> rows = new HashMap<>();
        dataset.forEachRow(row -> assertEquals(
                null, rows.put(row.record().path(), row), row.record().path()));
        return rows;
    }

    @Test
    void rowsComeBackAsWritten() throws IOException {
        List<EmbeddingRow> written = TestData.rows(30, 1);
        EmbeddingDataset reopened =
                EmbeddingDataset.open(write(tmp.resolve("out"), written).dir());

        assertEquals(new DatasetManifest("/photos", TestData.MODELS), reopened.manifest());
        Map<String, EmbeddingRow> read = read(reopened);
        assertEquals(written.size(), read.size());
        for (EmbeddingRow row : written) {
            EmbeddingRow back = read.get(row.record().path());
            assertEquals(row.record(), back.record());
            assertEquals(row.vectors().keySet(), back.vectors().keySet());
            row.vectors()
                    .forEach((model, vector) ->
                            assertArrayEquals(vector, back.vectors().get(model)));
        }
    }

    @Test
    void aFailingSinkIsNotReportedAsABadPartFile() throws IOException {
        EmbeddingDataset dataset = write(tmp.resolve("out"), TestData.rows(3, 5));
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> dataset.forEachRow(row -> {
                    throw new IllegalStateException(
                            "the sink refuses " + row.record().path());
                }));
        assertTrue(e.getMessage().startsWith("the sink refuses"), e.getMessage());
    }

    @Test
    void vectorsAreInUtf8PathOrderLikeAnIndex() throws IOException {
        List<EmbeddingRow> written = TestData.rows(30, 2);
        StoredVectors clip = write(tmp.resolve("out"), written).vectors("clip");

        List<EmbeddingRow> ok = new ArrayList<>(written.subList(0, 30));
        ok.sort(Comparator.comparing(r -> r.record().path().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
        assertEquals(ok.stream().map(r -> r.record().path()).toList(), clip.paths());
        for (int i = 0; i < ok.size(); i++) {
            assertArrayEquals(ok.get(i).vectors().get("clip"), Arrays.copyOfRange(clip.data(), i * 8, i * 8 + 8));
        }
        // A supplementary character sorts after U+FB01 in UTF-8 though not in Java's UTF-16 order.
        assertTrue(clip.paths().indexOf("z/\uD83D\uDE00002.jpg") > clip.paths().indexOf("z/\uFB01le 003.webp"));
    }

    @Test
    void anUncommittedRunIsIgnoredAndALaterRunWins() throws IOException {
        List<EmbeddingRow> first = TestData.rows(6, 3);
        EmbeddingDataset dataset = write(tmp.resolve("out"), first);
        EmbeddingRow changed = TestData.rows(6, 4).get(0);
        try (RunWriter run = dataset.newRun()) {
            run.write(changed);
            run.commit();
        }
        Path killed = Files.createDirectory(dataset.dir().resolve(DatasetLayout.newRunName(java.time.Instant.now())));
        Files.copy(dataset.committedRuns().get(0).resolve("part-00000.parquet"), killed.resolve("part-00000.parquet"));

        Map<String, EmbeddingRow> read = read(dataset);
        assertEquals(first.size(), read.size());
        assertArrayEquals(
                changed.vectors().get("clip"),
                read.get(changed.record().path()).vectors().get("clip"));
    }

    @Test
    void aFileThatIsNotParquetIsNamedInTheError() throws IOException {
        EmbeddingDataset dataset = write(tmp.resolve("out"), TestData.rows(3, 5));
        Path part = dataset.committedRuns().get(0).resolve("part-00000.parquet");
        byte[] bytes = Files.readAllBytes(part);
        Files.write(part, Arrays.copyOf(bytes, bytes.length / 2));

        IOException e = assertThrows(IOException.class, () -> dataset.forEachRow(row -> {}));
        assertTrue(e.getMessage().startsWith(part + ": not a Parquet file"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aDirectoryWithoutManifestIsRefused() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> EmbeddingDataset.open(empty));
        assertTrue(e.getReason().contains("no _lookalike.json"), e.getReason());
    }

    @Test
    void anErrorRowKeepsItsReason() throws IOException {
        EmbeddingRow broken = TestData.rows(0, 6).get(0);
        FileRecord back = read(write(tmp.resolve("out"), List.of(broken)))
                .get("broken.jpg")
                .record();
        assertEquals(broken.record(), back);
    }
}
