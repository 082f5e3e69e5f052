package dev.lookalike.dataset;

import dev.lookalike.image.ImageDecoder;
import dev.lookalike.indexing.ImageWalker;
import dev.lookalike.progress.Progress;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.progress.ProgressUnit;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Makes a copy-detection set in the DISC21 layout from a folder of photos:
 * {@code references/R000000.jpg...}, {@code queries/Q00000.jpg...}, {@code ground_truth.csv},
 * {@code edits.csv}, {@code sources.csv}, {@code dataset.json} and {@code README.txt}
 * (docs/copydetect.md describes them).
 *
 * <p>The photos are decoded once to leave out unreadable ones and exact duplicates, assigned to roles from the seed,
 * then references are written (JPEG files copied byte for byte, other formats encoded as JPEG)
 * and queries made, on several threads. Every query draws from its own random source derived
 * from (seed, query number), so the output is byte-identical for the same photos and seed
 * whatever the number of threads.
 */
public final class CopyDetectionSetMaker {

    /** ImageIO JPEG quality of queries, and of references whose source is not a JPEG. */
    public static final float JPEG_QUALITY = 0.9f;

    /**
     * Queries are made from the photo (and a composite's background) scaled down to this longer
     * side when larger: DISC21's queries are about that size, and editing a 12-megapixel photo
     * full size would cost ten times the time and memory for nothing a 224-pixel model input sees.
     */
    public static final int MAX_QUERY_SIDE = 1024;

    /** The background set's folder in a set, for {@code bench --background}. */
    public static final String BACKGROUND = "background";

    private final CopyDetectionOptions options;
    private final ImageDecoder decoder;

    public CopyDetectionSetMaker(CopyDetectionOptions options, ImageDecoder decoder) {
        this.options = Objects.requireNonNull(options, "options");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    /** The id of reference number {@code index}: {@code R000042}. */
    public static String referenceId(int index) {
        return String.format(Locale.ROOT, "R%06d", index);
    }

    /** The id of background image number {@code index}: {@code B000042}. */
    public static String backgroundId(int index) {
        return String.format(Locale.ROOT, "B%06d", index);
    }

    /** The id of query number {@code index}: {@code Q00042}. */
    public static String queryId(int index) {
        return String.format(Locale.ROOT, "Q%05d", index);
    }

    /**
     * Makes the set from the images under {@code source} into {@code out}.
     *
     * @throws java.nio.file.FileAlreadyExistsException when {@code out} exists and is not an empty folder
     * @throws java.nio.file.NoSuchFileException when {@code source} does not exist
     * @throws IllegalArgumentException when the readable photos can't fill the requested counts, or
     *                                  {@code out} lies inside {@code source}
     * @throws IOException when a file can't be read or written; nothing is left at {@code out}
     */
    public CopyDetectionReport make(Path source, Path out, ProgressReporter progress)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        ReadablePhotos.checkFolders(source, out);
        OutputFolder folder = OutputFolder.create(out);
        try {
            List<String> listed = ImageWalker.list(source);
            List<CopyDetectionReport.Skipped> skipped = new ArrayList<>();
            List<String> readable =
                    ReadablePhotos.select(source, listed, decoder, options.workers(), skipped, progress);
            if (readable.isEmpty()) {
                throw new IOException(source + ": no readable images (" + listed.size() + " image files found)");
            }
            List<String> background = backgroundOf(readable);
            List<String> photos =
                    readable.stream().filter(p -> !background.contains(p)).toList();
            SetPlan plan = SetPlan.draw(
                    photos, SetCounts.resolve(options, photos.size()), options.copiesPerReference(), options.seed());
            Path dir = folder.partial();
            writeBackground(source, background, dir, progress);
            List<MadeQuery> made = write(source, plan, dir, progress);
            SetFiles.write(
                    dir,
                    new SetFiles.Description(source, options.seed(), listed.size(), skipped, plan, made, background));
            folder.commit();
            return new CopyDetectionReport(
                    out,
                    listed.size(),
                    skipped,
                    plan.references().size(),
                    made.size(),
                    plan.distractors(),
                    editCounts(made),
                    Duration.ofNanos(System.nanoTime() - start),
                    background.size());
        } catch (IOException | RuntimeException | InterruptedException e) {
            folder.abandon();
            throw e;
        }
    }

    /**
     * The photos held out as the background set, drawn from the seed before anything else and in
     * path order; with none, the rest of the set is what it would be without the option.
     */
    private List<String> backgroundOf(List<String> readable) {
        if (options.background() >= readable.size()) {
            throw new IllegalArgumentException(options.background() + " background photos leave none of the "
                    + readable.size() + " readable photos for the set");
        }
        List<String> shuffled = new ArrayList<>(readable);
        Collections.shuffle(shuffled, EditRecipe.forBackground(options.seed()));
        return shuffled.subList(0, options.background()).stream().sorted().toList();
    }

    private void writeBackground(Path source, List<String> background, Path dir, ProgressReporter progress)
            throws IOException, InterruptedException {
        if (background.isEmpty()) {
            return;
        }
        Path folder = Files.createDirectory(dir.resolve(BACKGROUND));
        try (Progress bar = progress.start("background", background.size(), ProgressUnit.ITEMS)) {
            ParallelWork.map(
                    background.size(),
                    options.workers(),
                    i -> {
                        writeReference(source.resolve(background.get(i)), folder.resolve(backgroundId(i) + ".jpg"));
                        return null;
                    },
                    bar);
        }
    }

    private List<MadeQuery> write(Path source, SetPlan plan, Path dir, ProgressReporter progress)
            throws IOException, InterruptedException {
        Path references = Files.createDirectory(dir.resolve("references"));
        Path queries = Files.createDirectory(dir.resolve("queries"));
        int total = plan.references().size() + plan.queries().size();
        try (Progress bar = progress.start("making set", total, ProgressUnit.ITEMS)) {
            ParallelWork.map(
                    plan.references().size(),
                    options.workers(),
                    i -> {
                        writeReference(
                                source.resolve(plan.references().get(i)), references.resolve(referenceId(i) + ".jpg"));
                        return null;
                    },
                    bar);
            return ParallelWork.map(
                    plan.queries().size(),
                    options.workers(),
                    i -> makeQuery(source, plan, i, queries.resolve(queryId(i) + ".jpg")),
                    bar);
        }
    }

    /** Copies a JPEG byte for byte (what the user has is the reference); encodes anything else as JPEG. */
    private void writeReference(Path file, Path target) throws IOException {
        byte[] bytes = ImageDecoder.readFile(file);
        boolean jpeg = bytes.length > 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8;
        Files.write(target, jpeg ? bytes : Images.jpeg(Images.fromDecoded(decoder.decode(bytes, file)), JPEG_QUALITY));
    }

    private MadeQuery makeQuery(Path source, SetPlan plan, int index, Path target) throws IOException {
        SetPlan.QuerySource query = plan.queries().get(index);
        SplittableRandom random = EditRecipe.forQuery(options.seed(), index);
        List<Edit> edits = EditRecipe.draw(random, plan.backgroundsFor(query.source()), name -> load(source, name));
        BufferedImage image = load(source, query.source());
        for (Edit edit : edits) {
            image = edit.apply(image);
        }
        Files.write(target, Images.jpeg(image, JPEG_QUALITY));
        return MadeQuery.of(edits);
    }

    private BufferedImage load(Path source, String name) throws IOException {
        return Images.fitWithin(Images.fromDecoded(decoder.decode(source.resolve(name))), MAX_QUERY_SIDE);
    }

    private static Map<EditType, Integer> editCounts(List<MadeQuery> made) {
        Map<EditType, Integer> counts = new EnumMap<>(EditType.class);
        for (MadeQuery query : made) {
            query.types().forEach(type -> counts.merge(type, 1, Integer::sum));
        }
        return counts;
    }
}
