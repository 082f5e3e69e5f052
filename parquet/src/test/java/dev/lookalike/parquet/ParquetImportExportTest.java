package dev.lookalike.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.ModelMismatchException;
import dev.lookalike.store.StoredVectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetImportExportTest {

    @TempDir
    Path tmp;

    private Path exported(List<EmbeddingRow> rows) throws IOException {
        Path out = tmp.resolve("parquet");
        try (IndexStore original = TestData.index(tmp.resolve("original"), "/photos", rows)) {
            assertEquals(rows.size(), ParquetExporter.export(original, out));
        }
        return out;
    }

    @Test
    void exportThenImportGivesTheSameIndexBitForBit() throws IOException {
        List<EmbeddingRow> rows = TestData.rows(40, 11);
        Path out = exported(rows);

        ImportReport report;
        try (IndexStore copy = IndexStore.create(tmp.resolve("copy"), "/photos", "test");
                IndexStore original = IndexStore.open(tmp.resolve("original"), IndexStore.Access.READ_ONLY)) {
            report = new ParquetImporter(7).importInto(EmbeddingDataset.open(out), copy);
            assertEquals(original.models(), copy.models());
            assertEquals(original.files(), copy.files());
            for (ModelIdentity model : TestData.MODELS) {
                StoredVectors a = original.vectors(model.name());
                StoredVectors b = copy.vectors(model.name());
                assertEquals(a.paths(), b.paths());
                assertArrayEquals(a.data(), b.data());
                // The dataset's own reader gives references in the index's order too (what bench takes).
                StoredVectors fromParquet = EmbeddingDataset.open(out).vectors(model.name());
                assertEquals(a.paths(), fromParquet.paths());
                assertArrayEquals(a.data(), fromParquet.data());
            }
        }
        assertEquals(new ImportReport(41, 41, 0, 1), report);
    }

    @Test
    void aSecondImportSkipsWhatTheIndexHas() throws IOException {
        Path out = exported(TestData.rows(10, 12));
        try (IndexStore copy = IndexStore.openOrCreate(tmp.resolve("copy"), "/photos", "test")) {
            new ParquetImporter(3).importInto(EmbeddingDataset.open(out), copy);
            assertEquals(
                    new ImportReport(11, 0, 11, 1),
                    new ParquetImporter(3).importInto(EmbeddingDataset.open(out), copy));
        }
    }

    @Test
    void anotherModelUnderTheSameNameIsRefusedAndNothingIsWritten() throws IOException {
        Path out = exported(TestData.rows(5, 13));
        ModelIdentity otherClip = new ModelIdentity("clip", "c".repeat(64), "image_embeds", "none", 8);
        try (IndexStore other = IndexStore.create(tmp.resolve("other"), "/photos", "test")) {
            other.registerModel(otherClip);
            ModelMismatchException e = assertThrows(
                    ModelMismatchException.class,
                    () -> new ParquetImporter(3).importInto(EmbeddingDataset.open(out), other));
            assertTrue(e.getMessage().contains("definitionSha256"), e.getMessage());
            assertEquals(Map.of(), other.files());
        }
    }

    @Test
    void anIndexOfAnotherFolderIsRefused() throws IOException {
        Path out = exported(TestData.rows(3, 14));
        try (IndexStore other = IndexStore.create(tmp.resolve("other"), "/elsewhere", "test")) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> new ParquetImporter(3).importInto(EmbeddingDataset.open(out), other));
            assertTrue(e.getMessage().contains("/elsewhere") && e.getMessage().contains("/photos"), e.getMessage());
        }
    }

    @Test
    void aVectorThatIsNotNormalisedIsRefusedWithItsPath() throws IOException {
        EmbeddingRow row = TestData.rows(1, 15).get(0);
        float[] scaled = row.vectors().get("clip").clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 2;
        }
        Path out = tmp.resolve("parquet");
        EmbeddingDataset dataset = EmbeddingDataset.create(out, new DatasetManifest("/photos", TestData.MODELS));
        try (RunWriter run = dataset.newRun()) {
            run.write(
                    new EmbeddingRow(row.record(), Map.of("clip", scaled, "dinov2", TestData.unit(new Random(1), 12))));
            run.commit();
        }
        try (IndexStore store = IndexStore.create(tmp.resolve("copy"), "/photos", "test")) {
            IOException e = assertThrows(IOException.class, () -> new ParquetImporter(3).importInto(dataset, store));
            assertTrue(
                    e.getMessage().contains(row.record().path())
                            && e.getMessage().contains("norm 2"),
                    e.getMessage());
        }
    }

    @Test
    void aNanVectorIsRefusedWithItsPathNotAsADamagedFile() throws IOException {
        EmbeddingRow row = TestData.rows(1, 16).get(0);
        float[] nan = row.vectors().get("clip").clone();
        nan[3] = Float.NaN;
        Path out = tmp.resolve("parquet");
        EmbeddingDataset dataset = EmbeddingDataset.create(out, new DatasetManifest("/photos", TestData.MODELS));
        try (RunWriter run = dataset.newRun()) {
            run.write(new EmbeddingRow(row.record(), Map.of("clip", nan, "dinov2", TestData.unit(new Random(2), 12))));
            run.commit();
        }
        try (IndexStore store = IndexStore.create(tmp.resolve("copy"), "/photos", "test")) {
            IOException e = assertThrows(IOException.class, () -> new ParquetImporter(3).importInto(dataset, store));
            assertTrue(
                    e.getMessage().contains(row.record().path())
                            && e.getMessage().contains("norm NaN")
                            && !e.getMessage().contains("not a readable"),
                    e.getMessage());
        }
    }
}
