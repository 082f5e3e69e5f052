package dev.lookalike.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which labels each image of a folder carries, for the text-to-image benchmark: read from a CSV
 * ({@code image,label}, one row per image and label, image paths relative to the folder) or from object labels
 * in YOLO format (one {@code STEM.txt} per image, lines {@code class cx cy w h}, class names in a
 * {@code names.txt} whose line N names class N), as COCO's are distributed. An image with no row or label file
 * carries no label.
 *
 * @param byImage each labelled image's labels, by path relative to the folder
 */
public record ImageLabels(Map<String, Set<String>> byImage) {

    /** The CSV's header. */
    public static final List<String> CSV_HEADER = List.of("image", "label");

    public ImageLabels {
        Map<String, Set<String>> copy = new TreeMap<>();
        byImage.forEach((image, labels) -> copy.put(image, Collections.unmodifiableSortedSet(new TreeSet<>(labels))));
        byImage = Collections.unmodifiableMap(copy);
    }

    /**
     * Reads {@code image,label} rows.
     *
     * @throws DatasetException naming the file and line of a malformed row or an empty field
     */
    public static ImageLabels readCsv(Path file) throws IOException {
        Map<String, Set<String>> byImage = new TreeMap<>();
        for (CsvFile.Row row : CsvFile.read(file, CSV_HEADER)) {
            if (row.field(0).isEmpty() || row.field(1).isEmpty()) {
                throw new DatasetException(file, row.line(), "an image and a label are both needed");
            }
            byImage.computeIfAbsent(row.field(0), k -> new TreeSet<>()).add(row.field(1));
        }
        return new ImageLabels(byImage);
    }

    /**
     * Reads YOLO label files for {@code images} (paths relative to the folder): image {@code a/b/X.jpg} takes its
     * labels from {@code labelsDir/X.txt}.
     *
     * @throws DatasetException naming the file and line of a class id that names.txt doesn't have
     */
    public static ImageLabels readYolo(Path labelsDir, Path namesFile, Collection<String> images) throws IOException {
        if (!Files.isDirectory(labelsDir)) {
            throw new NoSuchFileException(labelsDir.toString(), null, "not a folder of YOLO label files");
        }
        List<String> names = Files.readAllLines(namesFile, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        Map<String, Set<String>> byImage = new TreeMap<>();
        for (String image : images) {
            String name = Path.of(image).getFileName().toString();
            int dot = name.lastIndexOf('.');
            Path file = labelsDir.resolve((dot > 0 ? name.substring(0, dot) : name) + ".txt");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String[] fields = lines.get(i).strip().split("\\s+");
                if (fields[0].isEmpty()) {
                    continue;
                }
                int id;
                try {
                    id = Integer.parseInt(fields[0]);
                } catch (NumberFormatException e) {
                    throw new DatasetException(file, i + 1, "not a class id: " + fields[0]);
                }
                if (id < 0 || id >= names.size()) {
                    throw new DatasetException(
                            file, i + 1, "class " + id + " is not in " + namesFile + " (" + names.size() + " names)");
                }
                byImage.computeIfAbsent(image, k -> new TreeSet<>()).add(names.get(id));
            }
        }
        return new ImageLabels(byImage);
    }

    /** Every label that some image carries, in order. */
    public SortedSet<String> labels() {
        SortedSet<String> all = new TreeSet<>();
        byImage.values().forEach(all::addAll);
        return all;
    }

    /** The images that carry {@code label}. */
    public Set<String> imagesWith(String label) {
        Set<String> images = new TreeSet<>();
        byImage.forEach((image, labels) -> {
            if (labels.contains(label)) {
                images.add(image);
            }
        });
        return images;
    }
}
