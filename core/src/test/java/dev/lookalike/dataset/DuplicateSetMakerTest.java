package dev.lookalike.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.progress.ProgressReporter;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A duplicate set made from the repository's COCO photos: groups, each variant's pixels, determinism, refusals. */
class DuplicateSetMakerTest {

    private static final Path SAMPLES = Path.of("../samples/coco");
    private static final int PHOTOS = 10;
    private static final DuplicateSetOptions OPTIONS =
            DuplicateSetOptions.defaults().withGroups(7).withSeed(5).withWorkers(2);
    private static final ImageDecoder DECODER = new ImageDecoder();

    @TempDir
    static Path shared;

    private static Path photos;
    private static Path set;
    private static DuplicateSetReport report;
    private static List<GroupsCsv.Row> rows;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeSet() throws Exception {
        photos = Files.createDirectories(shared.resolve("photos"));
        try (Stream<Path> files = Files.list(SAMPLES)) {
            for (Path photo : files.filter(f -> f.toString().endsWith(".jpg"))
                    .sorted()
                    .limit(PHOTOS)
                    .toList()) {
                Files.copy(photo, photos.resolve(photo.getFileName()));
            }
        }
        set = shared.resolve("set");
        report = make(OPTIONS, set);
        rows = GroupsCsv.read(set.resolve(GroupsCsv.NAME));
    }

    private static DuplicateSetReport make(DuplicateSetOptions options, Path out) throws Exception {
        return new DuplicateSetMaker(options, DECODER).make(photos, out, ProgressReporter.silent());
    }

    private static Map<String, List<GroupsCsv.Row>> byGroup() {
        return rows.stream().collect(Collectors.groupingBy(GroupsCsv.Row::group, TreeMap::new, Collectors.toList()));
    }

    private static GroupsCsv.Row originalOf(String group) {
        return byGroup().get(group).stream()
                .filter(r -> r.variant() == DuplicateVariant.ORIGINAL)
                .findFirst()
                .orElseThrow();
    }

    private static DecodedImage decode(String path) throws IOException {
        return DECODER.decode(set.resolve(DuplicateSetMaker.IMAGES).resolve(path));
    }

    @Test
    void everyImageIsListedOnceAndEveryGroupIsAPhotoWithItsCopies() throws IOException {
        Set<String> files;
        try (Stream<Path> listed = Files.list(set.resolve(DuplicateSetMaker.IMAGES))) {
            files = listed.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        }
        assertEquals(files, rows.stream().map(GroupsCsv.Row::path).collect(Collectors.toSet()));
        assertEquals(files.size(), rows.size());
        assertEquals(report.images(), rows.size());
        Map<String, List<GroupsCsv.Row>> groups = byGroup();
        assertEquals(PHOTOS, groups.size());
        int withCopies = 0;
        for (List<GroupsCsv.Row> group : groups.values()) {
            assertEquals(1, group.stream().map(GroupsCsv.Row::source).distinct().count(), group.toString());
            if (group.size() == 1) {
                assertEquals(DuplicateVariant.SINGLE, group.get(0).variant());
            } else {
                withCopies++;
                assertEquals(
                        1,
                        group.stream()
                                .filter(r -> r.variant() == DuplicateVariant.ORIGINAL)
                                .count());
                assertTrue(group.size() <= 5, group.toString());
                assertEquals(
                        group.size(),
                        group.stream().map(GroupsCsv.Row::variant).distinct().count());
            }
        }
        assertEquals(7, withCopies);
        assertEquals(7, report.groups());
        assertEquals(3, report.singles());
        assertEquals(0, report.scenePhotos(), "COCO photos carry no capture time");
    }

    @Test
    void originalsSinglesAndExactCopiesAreTheSourceBytes() throws IOException {
        for (GroupsCsv.Row row : rows) {
            if (Set.of(DuplicateVariant.ORIGINAL, DuplicateVariant.SINGLE, DuplicateVariant.EXACT)
                    .contains(row.variant())) {
                assertArrayEquals(
                        Files.readAllBytes(photos.resolve(row.source())),
                        Files.readAllBytes(set.resolve(DuplicateSetMaker.IMAGES).resolve(row.path())),
                        row.toString());
            }
        }
    }

    @Test
    void eachCopyLooksLikeItsOriginal() throws IOException {
        Map<DuplicateVariant, Integer> checked = new HashMap<>();
        for (GroupsCsv.Row row : rows) {
            if (Set.of(DuplicateVariant.ORIGINAL, DuplicateVariant.SINGLE, DuplicateVariant.EXACT)
                    .contains(row.variant())) {
                continue;
            }
            DecodedImage original = decode(originalOf(row.group()).path());
            DecodedImage copy = decode(row.path());
            switch (row.variant()) {
                case PNG -> assertArrayEquals(original.rgb(), copy.rgb(), "a PNG copy is lossless");
                case JPEG, COLOR -> assertClose(original, copy, row.variant() == DuplicateVariant.JPEG ? 6 : 30);
                case EXIF_ROTATE -> {
                    // The decoder applies the tag: the copy shows as the original does.
                    assertClose(original, copy, 6);
                    assertTrue(row.parameters().matches("orientation=[368]"), row.parameters());
                }
                case RESIZED -> assertTrue(copy.width() < original.width() && copy.height() < original.height());
                case CROP -> {
                    assertTrue(
                            copy.width() >= original.width() * 0.87 && copy.width() < original.width(), row.toString());
                    assertTrue(
                            copy.height() >= original.height() * 0.87 && copy.height() < original.height(),
                            row.toString());
                }
                case SCREENSHOT ->
                    assertTrue(row.path().endsWith(".png") && row.parameters().startsWith("scale="));
                default -> throw new AssertionError(row.toString());
            }
            checked.merge(row.variant(), 1, Integer::sum);
        }
        assertTrue(checked.size() >= 5, "variants checked: " + checked);
        assertEquals(report.variantCounts().get(DuplicateVariant.ORIGINAL), 7);
    }

    /** Same size and a mean absolute difference per channel below {@code limit}. */
    private static void assertClose(DecodedImage a, DecodedImage b, double limit) {
        assertEquals(a.width(), b.width());
        assertEquals(a.height(), b.height());
        long sum = 0;
        for (int i = 0; i < a.rgb().length; i++) {
            sum += Math.abs((a.rgb()[i] & 0xFF) - (b.rgb()[i] & 0xFF));
        }
        double mean = (double) sum / a.rgb().length;
        assertTrue(mean < limit, "mean abs difference " + mean);
    }

    @Test
    void theSameSeedGivesTheSameBytesWhateverTheThreadsAndAnotherSeedDoesNot() throws Exception {
        Path again = tmp.resolve("again");
        make(OPTIONS.withWorkers(1), again);
        assertEquals(contents(set), contents(again));
        Path other = tmp.resolve("other");
        make(OPTIONS.withSeed(6), other);
        assertNotEquals(contents(set), contents(other));
    }

    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!file.getFileName().toString().equals("dataset.json")) { // names the source's absolute path
                    out.put(dir.relativize(file).toString(), dev.lookalike.model.Sha256.of(Files.readAllBytes(file)));
                }
            }
        }
        return out;
    }

    @Test
    void aFolderThatHoldsAnythingIsRefusedAndMoreGroupsThanPhotosAreAUsageError() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        assertThrows(FileAlreadyExistsException.class, () -> make(OPTIONS, out));
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> make(OPTIONS.withGroups(PHOTOS + 1), tmp.resolve("big")));
        assertTrue(e.getMessage().contains("11 groups"), e.getMessage());
        assertTrue(Files.notExists(tmp.resolve("big")) && Files.notExists(tmp.resolve("big.partial")));
    }
}
