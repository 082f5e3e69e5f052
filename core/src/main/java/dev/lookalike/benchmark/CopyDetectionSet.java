package dev.lookalike.benchmark;

import dev.lookalike.indexing.ImageWalker;
import dev.lookalike.store.StoredVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A copy-detection data set in DISC21's layout: a folder of query images, a folder of reference
 * images, a ground-truth CSV and optionally an {@code edits.csv}. An image's id is its file name
 * without the extension ({@code queries/Q00012.jpg} is {@code Q00012}).
 *
 * @param queriesDir      the query images' folder
 * @param referencesDir   the reference images' folder
 * @param groundTruthFile the ground-truth CSV
 * @param groundTruth     the queries evaluated, in the CSV's order
 * @param queryFiles      the image of every query of {@code groundTruth}, by id
 * @param referenceFiles  every reference image, by id, in path order
 * @param editsFile       the edits CSV, when one was given
 * @param edits           each query's edits, when an {@code edits.csv} was given
 */
public record CopyDetectionSet(
        Path queriesDir,
        Path referencesDir,
        Path groundTruthFile,
        GroundTruth groundTruth,
        Map<String, Path> queryFiles,
        Map<String, Path> referenceFiles,
        Optional<Path> editsFile,
        Optional<EditLog> edits) {

    /** The edits file name {@code dataset copydetect} writes beside the ground truth. */
    public static final String EDITS_FILE = "edits.csv";

    public CopyDetectionSet {
        queryFiles = Collections.unmodifiableMap(new LinkedHashMap<>(queryFiles));
        referenceFiles = Collections.unmodifiableMap(new LinkedHashMap<>(referenceFiles));
    }

    /**
     * Reads a data set and checks that it holds together: every query of the ground truth has an
     * image, every reference it names has an image, and no two images in a folder share an id.
     * Query images the ground truth does not list are ignored.
     *
     * @param edits the edits CSV, or empty to use none
     * @param limit evaluate only the first {@code limit} queries of the ground truth; negative for all
     * @throws DatasetException naming the file for each inconsistency
     */
    public static CopyDetectionSet load(
            Path queriesDir, Path referencesDir, Path groundTruthFile, Optional<Path> edits, int limit)
            throws IOException {
        GroundTruth truth = GroundTruth.read(groundTruthFile);
        if (limit >= 0) {
            truth = truth.limit(limit);
        }
        Map<String, Path> queries = imagesById(queriesDir);
        Map<String, Path> references = imagesById(referencesDir);
        Map<String, Path> evaluated = new LinkedHashMap<>();
        for (String query : truth.queries()) {
            Path image = queries.get(query);
            if (image == null) {
                throw new DatasetException(groundTruthFile, "query " + query + " has no image in " + queriesDir);
            }
            evaluated.put(query, image);
            Optional<String> reference = truth.reference(query);
            if (reference.isPresent() && !references.containsKey(reference.get())) {
                throw new DatasetException(
                        groundTruthFile,
                        "reference " + reference.get() + " of query " + query + " has no image in " + referencesDir);
            }
        }
        Optional<EditLog> log = edits.isPresent() ? Optional.of(EditLog.read(edits.get())) : Optional.empty();
        return new CopyDetectionSet(
                queriesDir, referencesDir, groundTruthFile, truth, evaluated, references, edits, log);
    }

    /**
     * The rows of vectors computed elsewhere (such as a Parquet export) that are this set's
     * references, matched by id and kept in their order; rows of other images are dropped, so that
     * they do not compete as extra distractors.
     *
     * @param vectors one model's vectors; a path's id is its file name without the extension
     * @param source  where they come from, named in the error
     * @throws DatasetException naming {@code source} when a reference has no vector, or two
     */
    public StoredVectors referenceVectors(StoredVectors vectors, Path source) throws DatasetException {
        int dimension = vectors.dimension();
        Set<String> found = new HashSet<>();
        List<String> paths = new ArrayList<>();
        float[] data = new float[Math.min(vectors.count(), referenceFiles.size()) * dimension];
        for (int row = 0; row < vectors.count(); row++) {
            String id = idOf(vectors.paths().get(row));
            if (!referenceFiles.containsKey(id)) {
                continue;
            }
            if (!found.add(id)) {
                throw new DatasetException(
                        source, "holds two " + vectors.model().name() + " vectors for reference " + id);
            }
            System.arraycopy(vectors.data(), row * dimension, data, paths.size() * dimension, dimension);
            paths.add(vectors.paths().get(row));
        }
        List<String> missing = referenceFiles.keySet().stream()
                .filter(id -> !found.contains(id))
                .toList();
        if (!missing.isEmpty()) {
            throw new DatasetException(
                    source,
                    missing.size() + " of the " + referenceFiles.size() + " references in "
                            + referencesDir + " have no " + vectors.model().name() + " vector, such as "
                            + String.join(", ", missing.subList(0, Math.min(3, missing.size()))));
        }
        return new StoredVectors(vectors.model(), paths, Arrays.copyOf(data, paths.size() * dimension));
    }

    /**
     * The {@code edits.csv} beside a ground-truth file, if there is one that reads as an edits file.
     * Found rather than given, it never stops a run: one that does not read (a file of the user's own
     * with other columns, say) is reported to {@code warnings} in one line naming it and the problem,
     * and left out.
     */
    public static Optional<Path> editsBeside(Path groundTruthFile, Consumer<String> warnings) {
        Path parent = groundTruthFile.toAbsolutePath().getParent();
        Path edits = parent == null ? null : parent.resolve(EDITS_FILE);
        if (edits == null || !Files.isRegularFile(edits)) {
            return Optional.empty();
        }
        try {
            EditLog.read(edits);
            return Optional.of(edits);
        } catch (IOException e) {
            warnings.accept(e.getMessage() + "; results per edit type left out (--edits CSV gives an edits file)");
            return Optional.empty();
        }
    }

    /** The id of an image file: its name without the extension. */
    public static String idOf(String path) {
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static Map<String, Path> imagesById(Path dir) throws IOException {
        Map<String, Path> byId = new LinkedHashMap<>();
        for (String path : ImageWalker.list(dir)) {
            Path earlier = byId.putIfAbsent(idOf(path), dir.resolve(path));
            if (earlier != null) {
                throw new DatasetException(dir.resolve(path), "has the same id as " + earlier);
            }
        }
        return byId;
    }
}
