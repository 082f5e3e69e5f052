package dev.lookalike.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.Sha256;
import dev.lookalike.progress.ProgressReporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small set made from COCO photos: layout, ground truth, determinism, unreadable photos, refusals. */
class CopyDetectionSetMakerTest {

    /**
     * 15 image files: 12 COCO JPEGs, one PNG (re-encoded as a reference), one broken file and one
     * copy of a JPEG (both skipped).
     */
    private static final int PHOTOS = 15;

    private static final CopyDetectionOptions OPTIONS = CopyDetectionOptions.defaults()
            .withQueries(8)
            .withDistractorFraction(0.25)
            .withSeed(11)
            .withWorkers(2);

    @TempDir
    static Path shared;

    private static Path photos;
    private static Path set;
    private static CopyDetectionReport report;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeSet() throws Exception {
        photos = DatasetFixtures.photoFolder(shared.resolve("photos"), 12);
        Files.createDirectories(photos.resolve("more"));
        ImageIO.write(
                DatasetFixtures.smallPhoto(12, 120),
                "png",
                photos.resolve("more/small.png").toFile());
        Files.write(photos.resolve("more/broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        try (Stream<Path> files = Files.list(photos)) {
            Path first = files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
            Files.copy(first, photos.resolve("more/same-as-first.jpg"));
        }
        set = shared.resolve("set");
        report = make(OPTIONS, set);
    }

    private static CopyDetectionReport make(CopyDetectionOptions options, Path out) throws Exception {
        return new CopyDetectionSetMaker(options, new ImageDecoder()).make(photos, out, ProgressReporter.silent());
    }

    @Test
    void theReportCountsWhatWasMadeAndListsTheUnreadablePhotoAndTheDuplicate() throws IOException {
        assertEquals(PHOTOS, report.photos());
        assertEquals(2, report.skipped().size());
        assertEquals("more/broken.jpg", report.skipped().get(0).path());
        assertTrue(
                report.skipped().get(0).error().contains("broken.jpg"),
                report.skipped().get(0).error());
        assertEquals("more/same-as-first.jpg", report.skipped().get(1).path());
        assertEquals(
                "the same file content as " + DatasetFixtures.photos(1).get(0).getFileName(),
                report.skipped().get(1).error());
        // 13 readable photos, 8 queries of which 2 distractors, so 11 references.
        assertEquals(11, report.references());
        assertEquals(8, report.queries());
        assertEquals(2, report.distractors());
        int edits = report.editCounts().values().stream()
                .mapToInt(Integer::intValue)
                .sum();
        assertTrue(edits >= 8 && edits <= 24, report.editCounts().toString());
        assertFalse(Files.exists(set.resolveSibling("set.partial")));
    }

    @Test
    void theLayoutIsDisc21s() throws IOException {
        assertEquals(
                Set.of(
                        "references",
                        "queries",
                        "ground_truth.csv",
                        "edits.csv",
                        "sources.csv",
                        "dataset.json",
                        "README.txt"),
                names(set));
        Set<String> references = names(set.resolve("references"));
        Set<String> queries = names(set.resolve("queries"));
        Set<String> expectedReferences = new HashSet<>();
        for (int i = 0; i < 11; i++) {
            expectedReferences.add(String.format("R%06d.jpg", i));
        }
        assertEquals(expectedReferences, references);
        Set<String> expectedQueries = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            expectedQueries.add(String.format("Q%05d.jpg", i));
        }
        assertEquals(expectedQueries, queries);
        for (Path image : files(set.resolve("queries"))) {
            DecodedImage decoded = new ImageDecoder().decode(image);
            assertTrue(
                    decoded.width() > 16 && decoded.height() > 16,
                    image + " is " + decoded.width() + "x" + decoded.height());
        }
    }

    @Test
    void groundTruthIsConsistentWithTheFilesAndDistractorsAreNotReferences() throws IOException {
        List<String[]> truth = csv(set.resolve("ground_truth.csv"), "query_id,reference_id");
        Map<String, String> sources = new HashMap<>();
        for (String[] row : csv(set.resolve("sources.csv"), "id,source")) {
            sources.put(row[0], row[1]);
        }
        Set<String> referenceSources = new HashSet<>();
        sources.forEach((id, source) -> {
            if (id.startsWith("R")) {
                referenceSources.add(source);
            }
        });
        assertEquals(11, referenceSources.size(), "each reference is a different photo");
        assertEquals(8, truth.size());
        int distractors = 0;
        Set<String> matchedReferences = new HashSet<>();
        for (String[] row : truth) {
            assertTrue(Files.exists(set.resolve("queries/" + row[0] + ".jpg")), row[0]);
            String querySource = sources.get(row[0]);
            if (row[1].isEmpty()) {
                distractors++;
                assertFalse(referenceSources.contains(querySource), row[0] + " is a distractor made from a reference");
            } else {
                assertTrue(Files.exists(set.resolve("references/" + row[1] + ".jpg")), row[1]);
                assertEquals(sources.get(row[1]), querySource, row[0] + " is not made from its reference");
                assertTrue(matchedReferences.add(row[1]), "two queries share " + row[1]);
            }
        }
        assertEquals(2, distractors);
        assertFalse(sources.containsValue("more/broken.jpg"));
        assertFalse(sources.containsValue("more/same-as-first.jpg"));
    }

    @Test
    void aBackgroundSetIsHeldOutOfReferencesQueriesAndComposites() throws Exception {
        Path out = tmp.resolve("with-background");
        CopyDetectionReport made = make(OPTIONS.withBackground(3).withQueries(6), out);
        assertEquals(3, made.background());
        try (Stream<Path> files = Files.list(out.resolve("background"))) {
            assertEquals(
                    List.of("B000000.jpg", "B000001.jpg", "B000002.jpg"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        Set<String> background = new HashSet<>();
        Set<String> others = new HashSet<>();
        for (String[] row : csv(out.resolve("sources.csv"), "id,source")) {
            (row[0].startsWith("B") ? background : others).add(row[1]);
        }
        assertEquals(3, background.size());
        assertTrue(background.stream().noneMatch(others::contains), background + " vs " + others);
        assertEquals(13 - 3 - 2, made.references(), "13 readable photos, 3 background, 2 distractor sources");
        String edits = Files.readString(out.resolve("edits.csv"));
        for (String photo : background) {
            assertFalse(edits.contains(photo), photo + " is pasted into a query");
        }
        assertTrue(Files.readString(out.resolve("dataset.json")).contains("\"background\" : 3"));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> make(OPTIONS.withBackground(13), tmp.resolve("too-many")));
        assertTrue(
                e.getMessage().contains("13 background photos leave none of the 13 readable photos"), e.getMessage());
    }

    @Test
    void referencesAreTheSourcePhotosJpegsCopiedAsTheyAre() throws IOException {
        for (String[] row : csv(set.resolve("sources.csv"), "id,source")) {
            if (row[0].startsWith("R")) {
                Path reference = set.resolve("references/" + row[0] + ".jpg");
                if (row[1].endsWith(".jpg")) {
                    assertEquals(Sha256.of(photos.resolve(row[1])), Sha256.of(reference), row[1]);
                } else {
                    assertEquals(120, new ImageDecoder().decode(reference).width(), "the PNG re-encoded as a JPEG");
                }
            }
        }
    }

    @Test
    void editsCsvNamesEachQuerysEditsFromTheVocabulary() throws IOException {
        List<String[]> edits = csv(set.resolve("edits.csv"), "query_id,edits,parameters");
        assertEquals(8, edits.size());
        Map<EditType, Integer> counts = new TreeMap<>();
        for (int i = 0; i < edits.size(); i++) {
            String[] row = edits.get(i);
            assertEquals(String.format("Q%05d", i), row[0]);
            String[] types = row[1].split("\\+");
            String[] described = row[2].split("; ");
            assertEquals(types.length, described.length, row[2]);
            for (int t = 0; t < types.length; t++) {
                EditType type = EditType.byId(types[t]);
                counts.merge(type, 1, Integer::sum);
                assertTrue(described[t].startsWith(types[t] + "("), described[t]);
            }
        }
        Map<EditType, Integer> reported = new TreeMap<>(report.editCounts());
        assertEquals(reported, counts);
        String json = Files.readString(set.resolve("dataset.json"));
        assertTrue(json.contains("\"seed\" : 11") && json.contains("\"distractor_queries\" : 2"), json);
    }

    @Test
    void theSameSeedGivesTheSameBytesWhateverTheThreadsAndAnotherSeedDoesNot() throws Exception {
        Path again = tmp.resolve("again");
        make(OPTIONS.withWorkers(1), again);
        assertEquals(hashes(set), hashes(again));

        Path other = tmp.resolve("other");
        make(OPTIONS.withSeed(12), other);
        Map<String, String> otherHashes = hashes(other);
        Map<String, String> baseHashes = hashes(set);
        long differentQueries = baseHashes.keySet().stream()
                .filter(name ->
                        name.startsWith("queries/") && !baseHashes.get(name).equals(otherHashes.get(name)))
                .count();
        assertEquals(8, differentQueries, "every query should differ under another seed");
        assertNotEquals(
                baseHashes.get("ground_truth.csv") + baseHashes.get("sources.csv"),
                otherHashes.get("ground_truth.csv") + otherHashes.get("sources.csv"));
    }

    @Test
    void aFolderThatHoldsAnythingIsRefusedAndLeftAsItWas() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> make(OPTIONS, out));
        assertEquals(out.toAbsolutePath().normalize().toString(), e.getFile());
        assertEquals(Set.of("notes.txt"), names(out));
        assertFalse(Files.exists(tmp.resolve("out.partial")));
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThrows(FileAlreadyExistsException.class, () -> make(OPTIONS, file));
    }

    @Test
    void anEmptyFolderIsFilledAndALeftoverPartialFolderOfOursIsReplaced() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path leftover = Files.createDirectories(tmp.resolve("out.partial/queries"));
        Files.createFile(tmp.resolve("out.partial/.lookalike-partial"));
        Files.writeString(leftover.resolve("Q00099.jpg"), "half-written");

        make(OPTIONS, out);

        assertEquals(hashes(set), hashes(out));
        assertFalse(Files.exists(tmp.resolve("out.partial")));
    }

    @Test
    void aPartialFolderThatIsNotOursIsRefused() throws Exception {
        Path theirs = Files.createDirectories(tmp.resolve("out.partial"));
        Files.writeString(theirs.resolve("keep.txt"), "theirs");
        assertThrows(FileAlreadyExistsException.class, () -> make(OPTIONS, tmp.resolve("out")));
        assertEquals(Set.of("keep.txt"), names(theirs));
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void countsThePhotosCannotFillFailBeforeAnythingIsLeftBehind() {
        Path out = tmp.resolve("out");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> make(OPTIONS.withReferences(13), out));
        assertTrue(e.getMessage().contains("need 15 readable photos, the folder has 13"), e.getMessage());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(tmp.resolve("out.partial")));
    }

    @Test
    void anOutputFolderInsideThePhotosIsRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> make(OPTIONS, photos.resolve("more/set")));
        assertTrue(e.getMessage().contains("must not be inside"), e.getMessage());
        assertFalse(Files.exists(photos.resolve("more/set.partial")));
    }

    @Test
    void aFolderWithoutReadableImagesFails() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.write(empty.resolve("bad.png"), new byte[] {1, 2, 3});
        IOException e = assertThrows(
                IOException.class,
                () -> new CopyDetectionSetMaker(OPTIONS, new ImageDecoder())
                        .make(empty, tmp.resolve("out"), ProgressReporter.silent()));
        assertTrue(e.getMessage().contains("no readable images"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    private static List<String[]> csv(Path file, String header) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(header, lines.get(0), file + " header");
        int columns = header.split(",").length;
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            assertFalse(line.contains("\""), "no field here needs quoting: " + line);
            String[] fields = line.split(",", -1);
            assertEquals(columns, fields.length, line);
            rows.add(fields);
        }
        return rows;
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return new HashSet<>(
                    entries.map(path -> path.getFileName().toString()).toList());
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> entries = Files.walk(dir)) {
            return entries.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The SHA-256 of every file in a set, by path relative to it. */
    private static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        for (Path file : files(root)) {
            hashes.put(root.relativize(file).toString(), Sha256.of(file));
        }
        return hashes;
    }
}
