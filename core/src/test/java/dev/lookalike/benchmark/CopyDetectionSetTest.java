package dev.lookalike.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.store.StoredVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading DISC21's layout, and the errors for inputs that do not hold together. */
class CopyDetectionSetTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private void images(String... paths) throws IOException {
        for (String path : paths) {
            write(path, "not decoded here");
        }
    }

    private CopyDetectionSet load(Path truth) throws IOException {
        return CopyDetectionSet.load(dir.resolve("queries"), dir.resolve("references"), truth, Optional.empty(), -1);
    }

    @Test
    void readsIdsDistractorsAndTheFileOrder() throws IOException {
        images("queries/Q2.jpg", "queries/Q1.png", "queries/Q9.jpg", "references/R1.jpg", "references/R2.jpeg");
        Path truth = write("gt.csv", "query_id,reference_id\nQ2,R1\nQ1,\n\n\"Q9\",R2\n");
        CopyDetectionSet set = load(truth);
        assertEquals(List.of("Q2", "Q1", "Q9"), set.groundTruth().queries());
        assertEquals(Optional.empty(), set.groundTruth().reference("Q1"));
        assertEquals(2, set.groundTruth().pairCount());
        assertEquals(dir.resolve("queries/Q1.png"), set.queryFiles().get("Q1"));
        assertEquals(List.of("R1", "R2"), List.copyOf(set.referenceFiles().keySet()));
        assertEquals(
                List.of("Q2", "Q1"),
                CopyDetectionSet.load(dir.resolve("queries"), dir.resolve("references"), truth, Optional.empty(), 2)
                        .groundTruth()
                        .queries());
    }

    @Test
    void precomputedVectorsKeepOnlyTheReferencesAndMustCoverThemAll() throws IOException {
        images("queries/Q1.jpg", "references/R1.jpg", "references/sub/R2.png");
        CopyDetectionSet set = load(write("gt.csv", "query_id,reference_id\nQ1,R1\n"));
        ModelIdentity model = new ModelIdentity("m", "0".repeat(64), "out", "none", 2);
        Path source = dir.resolve("vectors.parquet");

        StoredVectors kept = set.referenceVectors(
                new StoredVectors(model, List.of("other/Q1.jpg", "R1.jpg", "X.jpg", "sub/R2.png"), new float[] {
                    1, 1, 2, 2, 3, 3, 4, 4
                }),
                source);
        assertEquals(List.of("R1.jpg", "sub/R2.png"), kept.paths());
        assertArrayEquals(new float[] {2, 2, 4, 4}, kept.data());

        DatasetException missing = assertThrows(
                DatasetException.class,
                () -> set.referenceVectors(new StoredVectors(model, List.of("R2.jpg", "X.jpg"), new float[4]), source));
        assertEquals(
                source + ": 1 of the 2 references in " + dir.resolve("references") + " have no m vector, such as R1",
                missing.getMessage());
        DatasetException twice = assertThrows(
                DatasetException.class,
                () -> set.referenceVectors(
                        new StoredVectors(model, List.of("a/R1.jpg", "b/R1.jpg", "R2.jpg"), new float[6]), source));
        assertEquals(source + ": holds two m vectors for reference R1", twice.getMessage());
    }

    @Test
    void aQueryWithoutAnImageIsNamed() throws IOException {
        images("queries/Q1.jpg", "references/R1.jpg");
        Path truth = write("gt.csv", "query_id,reference_id\nQ1,R1\nQ7,R1\n");
        DatasetException e = assertThrows(DatasetException.class, () -> load(truth));
        assertEquals(truth + ": query Q7 has no image in " + dir.resolve("queries"), e.getMessage());
    }

    @Test
    void aReferenceWithoutAnImageIsNamed() throws IOException {
        images("queries/Q1.jpg", "references/R1.jpg");
        Path truth = write("gt.csv", "query_id,reference_id\nQ1,R5\n");
        DatasetException e = assertThrows(DatasetException.class, () -> load(truth));
        assertEquals(truth + ": reference R5 of query Q1 has no image in " + dir.resolve("references"), e.getMessage());
    }

    @Test
    void twoImagesWithOneIdAreRefused() throws IOException {
        images("queries/Q1.jpg", "references/R1.jpg", "references/R1.png");
        Path truth = write("gt.csv", "query_id,reference_id\nQ1,R1\n");
        DatasetException e = assertThrows(DatasetException.class, () -> load(truth));
        assertEquals(
                dir.resolve("references/R1.png") + ": has the same id as " + dir.resolve("references/R1.jpg"),
                e.getMessage());
    }

    @Test
    void malformedCsvNamesTheFileAndLine() throws IOException {
        assertMessage("query_id,ref\nQ1,R1\n", ":1: expected the header query_id,reference_id, found query_id,ref");
        assertMessage("query_id,reference_id\nQ1,R1,extra\n", ":2: expected 2 fields (query_id,reference_id), found 3");
        assertMessage("query_id,reference_id\nQ1,R1\n,R2\n", ":3: empty query_id");
        assertMessage("query_id,reference_id\nQ1,R1\nQ2,\nQ1,R2\n", ":4: query Q1 is already listed on line 2");
        assertMessage("query_id,reference_id\n\"Q1,R1\n", ":2: a quoted field is not closed");
        assertMessage("", ": empty; expected the header query_id,reference_id");
        assertMessage("query_id,reference_id\n\"Q1\",\"R\n1\"\n\nQ1,R2\n", ":5: query Q1 is already listed on line 2");
    }

    private void assertMessage(String csv, String problem) throws IOException {
        Path file = write("bad.csv", csv);
        DatasetException e = assertThrows(DatasetException.class, () -> GroundTruth.read(file));
        assertEquals(file + problem, e.getMessage());
    }

    @Test
    void editsAreSplitOnPlusAndParametersMayHoldCommas() throws IOException {
        Path file = write("edits.csv", "query_id,edits,parameters\nQ1,crop+grayscale,\"crop=0.1,0.2\"\nQ2,,\n");
        EditLog log = EditLog.read(file);
        assertEquals(List.of("crop", "grayscale"), log.edits("Q1"));
        assertEquals(List.of(), log.edits("Q2"));
        assertEquals(List.of("crop", "grayscale"), List.copyOf(log.editTypes()));
        Path bad = write("bad-edits.csv", "query_id,edits,parameters\nQ1,crop++blur,\n");
        assertEquals(
                bad + ":2: empty edit name in 'crop++blur'",
                assertThrows(DatasetException.class, () -> EditLog.read(bad)).getMessage());
    }

    @Test
    void editsBesideTheGroundTruthAreFound() throws IOException {
        Path truth = write("set/ground_truth.csv", "query_id,reference_id\n");
        List<String> warnings = new ArrayList<>();
        assertEquals(Optional.empty(), CopyDetectionSet.editsBeside(truth, warnings::add));
        Path edits = write("set/edits.csv", "query_id,edits,parameters\n");
        assertEquals(Optional.of(edits.toAbsolutePath()), CopyDetectionSet.editsBeside(truth, warnings::add));
        assertEquals(List.of(), warnings);
    }

    @Test
    void anEditsFileOfTheUsersOwnBesideTheGroundTruthIsLeftOutWithOneWarning() throws IOException {
        Path truth = write("set/ground_truth.csv", "query_id,reference_id\n");
        Path notes = write("set/edits.csv", "query_id,reference_id,source_photo\nQ1,R1,beach.jpg\n");
        List<String> warnings = new ArrayList<>();

        assertEquals(Optional.empty(), CopyDetectionSet.editsBeside(truth, warnings::add));

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith(notes.toAbsolutePath().toString()), warnings.get(0));
        assertTrue(warnings.get(0).contains("expected the header query_id,edits,parameters"), warnings.get(0));
        assertTrue(warnings.get(0).contains("left out"), warnings.get(0));
    }
}
