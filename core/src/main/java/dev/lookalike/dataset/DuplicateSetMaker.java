package dev.lookalike.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.indexing.ImageWalker;
import dev.lookalike.progress.Progress;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.progress.ProgressUnit;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Makes a near-duplicate set with known groups from a folder of photos: {@code images/IMG_00000.jpg...}
 * (each group's original, its copies, and single photos without copies, in a seeded order so
 * that names say nothing about groups), {@link GroupsCsv groups.csv} and {@code dataset.json}.
 *
 * <p>A group is one photo and one to four copies of distinct {@linkplain DuplicateVariant variants}:
 * an exact copy, resized, re-compressed JPEG, re-saved PNG, a small crop, EXIF-rotated, a slight
 * colour edit, a screenshot with borders. Heavy crops, which a person would not call duplicates,
 * are never made. Different photos of the same scene (EXIF bursts, see {@link SameScene}) are
 * marked in the {@code scene} column: they are in different groups, the hardest negatives.
 * WebP copies are not made: the project reads WebP (TwelveMonkeys) but has no WebP encoder.
 *
 * <p>Like {@link CopyDetectionSetMaker}: the set is built in {@code OUT.partial} and renamed when
 * complete, a non-empty {@code OUT} is refused, and each group draws from its own random source
 * derived from (seed, group number), so the bytes depend on the photos and seed only.
 */
public final class DuplicateSetMaker {

    /** The recipe's version, in {@code dataset.json}; any change to a draw bumps it. */
    public static final int VERSION = 1;

    /** The folder of the set's images. */
    public static final String IMAGES = "images";

    private final DuplicateSetOptions options;
    private final ImageDecoder decoder;

    public DuplicateSetMaker(DuplicateSetOptions options, ImageDecoder decoder) {
        this.options = Objects.requireNonNull(options, "options");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    /** One image to write: which group, which variant of which photo, under which name. */
    private record Planned(int group, DuplicateVariant variant, String source, String name) {}

    /**
     * Makes the set from the images under {@code source} into {@code out}.
     *
     * @throws java.nio.file.FileAlreadyExistsException when {@code out} exists and is not an empty folder
     * @throws java.nio.file.NoSuchFileException when {@code source} does not exist
     * @throws IllegalArgumentException when there are fewer readable photos than groups asked for, or
     *                                  {@code out} lies inside {@code source}
     * @throws IOException when a file can't be read or written; nothing is left at {@code out}
     */
    public DuplicateSetReport make(Path source, Path out, ProgressReporter progress)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        ReadablePhotos.checkFolders(source, out);
        OutputFolder folder = OutputFolder.create(out);
        try {
            List<String> listed = ImageWalker.list(source);
            List<CopyDetectionReport.Skipped> skipped = new ArrayList<>();
            List<String> readable =
                    ReadablePhotos.select(source, listed, decoder, options.workers(), skipped, progress);
            int groups = groupCount(readable.size());
            List<List<Planned>> plan = plan(readable, groups);
            Path images = Files.createDirectory(folder.partial().resolve(IMAGES));
            List<List<GroupsCsv.Row>> made;
            try (Progress bar = progress.start("making set", plan.size(), ProgressUnit.ITEMS)) {
                made = ParallelWork.map(plan.size(), options.workers(), g -> write(source, images, plan.get(g)), bar);
            }
            Map<String, Integer> scenes = SameScene.scenes(source, readable);
            List<GroupsCsv.Row> rows = made.stream()
                    .flatMap(List::stream)
                    .map(row -> withScene(row, scenes))
                    .sorted((a, b) -> a.path().compareTo(b.path()))
                    .toList();
            Map<DuplicateVariant, Integer> counts = variantCounts(rows);
            Files.writeString(
                    folder.partial().resolve("dataset.json"),
                    manifest(source, listed.size(), skipped, groups, rows, counts, scenes.size()),
                    StandardCharsets.UTF_8);
            GroupsCsv.write(folder.partial().resolve(GroupsCsv.NAME), rows);
            folder.commit();
            return new DuplicateSetReport(
                    out,
                    listed.size(),
                    skipped,
                    groups,
                    rows.size(),
                    readable.size() - groups,
                    scenes.size(),
                    counts,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException | RuntimeException | InterruptedException e) {
            folder.abandon();
            throw e;
        }
    }

    private int groupCount(int readable) throws IOException {
        if (readable == 0) {
            throw new IOException("no readable images in the photo folder");
        }
        int groups = options.groups().orElse(Math.max(1, readable / 2));
        if (groups > readable) {
            throw new IllegalArgumentException(groups + " groups need as many photos; " + readable + " are readable");
        }
        return groups;
    }

    /**
     * Every group's images, then every single, each list one task: the photos shuffled from the
     * seed, the first {@code groups} get copies; all images' names come from one more shuffle.
     */
    private List<List<Planned>> plan(List<String> readable, int groups) {
        SplittableRandom random = EditRecipe.forPlan(options.seed());
        List<String> shuffled = new ArrayList<>(readable);
        Collections.shuffle(shuffled, random);
        List<List<DuplicateVariant>> variants = new ArrayList<>();
        int images = 0;
        for (int g = 0; g < shuffled.size(); g++) {
            List<DuplicateVariant> group =
                    g < groups ? copiesOf(EditRecipe.forQuery(options.seed(), g)) : List.of(DuplicateVariant.SINGLE);
            variants.add(group);
            images += group.size();
        }
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            numbers.add(i);
        }
        Collections.shuffle(numbers, random);
        List<List<Planned>> plan = new ArrayList<>();
        int next = 0;
        for (int g = 0; g < shuffled.size(); g++) {
            List<Planned> group = new ArrayList<>();
            for (DuplicateVariant variant : variants.get(g)) {
                String name = String.format(
                        Locale.ROOT, "IMG_%05d.%s", numbers.get(next++), extension(variant, shuffled.get(g)));
                group.add(new Planned(g, variant, shuffled.get(g), name));
            }
            plan.add(group);
        }
        return plan;
    }

    /** The original, then one to four copies of distinct variants in {@link DuplicateVariant} order. */
    private static List<DuplicateVariant> copiesOf(SplittableRandom random) {
        int count = 1 + random.nextInt(4);
        List<DuplicateVariant> candidates = new ArrayList<>(DuplicateVariant.COPIES);
        List<DuplicateVariant> chosen = new ArrayList<>();
        while (chosen.size() < count) {
            chosen.add(candidates.remove(random.nextInt(candidates.size())));
        }
        chosen.sort(null);
        chosen.add(0, DuplicateVariant.ORIGINAL);
        return chosen;
    }

    private static String extension(DuplicateVariant variant, String source) {
        if (variant == DuplicateVariant.ORIGINAL
                || variant == DuplicateVariant.EXACT
                || variant == DuplicateVariant.SINGLE) {
            int dot = source.lastIndexOf('.');
            return dot < 0 ? "jpg" : source.substring(dot + 1).toLowerCase(Locale.ROOT);
        }
        return variant.extension();
    }

    /** Writes one group's images; the group's random source continues from its variant draws. */
    private List<GroupsCsv.Row> write(Path source, Path images, List<Planned> group) throws IOException {
        Planned first = group.get(0);
        SplittableRandom random = EditRecipe.forQuery(options.seed(), first.group());
        if (first.variant() != DuplicateVariant.SINGLE) {
            copiesOf(random); // the same draws as the plan, so the copies' draws follow them
        }
        byte[] original = ImageDecoder.readFile(source.resolve(first.source()));
        BufferedImage photo =
                group.size() > 1 ? Images.fromDecoded(decoder.decode(original, source.resolve(first.source()))) : null;
        List<GroupsCsv.Row> rows = new ArrayList<>();
        for (Planned image : group) {
            DuplicateCopies.Made made = DuplicateCopies.make(image.variant(), original, photo, random);
            Files.write(images.resolve(image.name()), made.bytes());
            rows.add(new GroupsCsv.Row(
                    image.name(),
                    GroupsCsv.groupId(image.group()),
                    image.variant(),
                    made.parameters(),
                    image.source(),
                    ""));
        }
        return rows;
    }

    private static GroupsCsv.Row withScene(GroupsCsv.Row row, Map<String, Integer> scenes) {
        Integer scene = scenes.get(row.source());
        return scene == null
                ? row
                : new GroupsCsv.Row(
                        row.path(),
                        row.group(),
                        row.variant(),
                        row.parameters(),
                        row.source(),
                        GroupsCsv.sceneId(scene));
    }

    private static Map<DuplicateVariant, Integer> variantCounts(List<GroupsCsv.Row> rows) {
        Map<DuplicateVariant, Integer> counts = new EnumMap<>(DuplicateVariant.class);
        for (DuplicateVariant variant : DuplicateVariant.values()) {
            counts.put(variant, 0);
        }
        rows.forEach(row -> counts.merge(row.variant(), 1, Integer::sum));
        return counts;
    }

    private String manifest(
            Path source,
            int photos,
            List<CopyDetectionReport.Skipped> skipped,
            int groups,
            List<GroupsCsv.Row> rows,
            Map<DuplicateVariant, Integer> counts,
            int scenePhotos)
            throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", "lookalike duplicates");
        json.put("recipe", "lookalike duplicates v" + VERSION);
        json.put("source", source.toAbsolutePath().normalize().toString());
        json.put("seed", options.seed());
        json.put("photos_found", photos);
        json.put(
                "photos_skipped",
                skipped.stream()
                        .map(s -> Map.of("path", s.path(), "error", s.error()))
                        .toList());
        json.put("groups", groups);
        json.put("images", rows.size());
        json.put("scene_photos", scenePhotos);
        Map<String, Integer> variants = new LinkedHashMap<>();
        counts.forEach((variant, count) -> variants.put(variant.id(), count));
        json.put("variant_counts", variants);
        json.put("webp", "not made: no WebP encoder in the project (TwelveMonkeys' WebP plugin only reads)");
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n";
    }
}
