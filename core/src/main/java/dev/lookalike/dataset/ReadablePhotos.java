package dev.lookalike.dataset;

import dev.lookalike.image.ImageDecodeException;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.Sha256;
import dev.lookalike.progress.Progress;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.progress.ProgressUnit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The photos of a source folder that a set can be made from: those that decode, each content once.
 * An exact duplicate in the source would otherwise be a second true match the set's ground truth
 * doesn't know.
 */
final class ReadablePhotos {

    private ReadablePhotos() {}

    /**
     * Checks that {@code source} is a folder and {@code out} is not inside it.
     *
     * @throws IllegalArgumentException when {@code out} lies inside {@code source}
     * @throws NoSuchFileException when {@code source} does not exist
     * @throws NotDirectoryException when it is not a folder
     */
    static void checkFolders(Path source, Path out) throws IOException {
        if (out.toAbsolutePath().normalize().startsWith(source.toAbsolutePath().normalize())) {
            // The next run over the same folder would take the set's own images for photos.
            throw new IllegalArgumentException(
                    "the output folder " + out + " must not be inside the photo folder " + source);
        }
        if (!Files.isDirectory(source)) {
            throw Files.exists(source)
                    ? new NotDirectoryException(source.toString())
                    : new NoSuchFileException(source.toString(), null, "photo folder not found");
        }
    }

    /**
     * The photos of {@code listed} (paths under {@code source}) that decode, in listing order, each
     * content once; the others go to {@code skipped} with the reason.
     */
    static List<String> select(
            Path source,
            List<String> listed,
            ImageDecoder decoder,
            int workers,
            List<CopyDetectionReport.Skipped> skipped,
            ProgressReporter progress)
            throws IOException, InterruptedException {
        List<Checked> checked;
        try (Progress bar = progress.start("reading photos", listed.size(), ProgressUnit.ITEMS)) {
            checked = ParallelWork.map(listed.size(), workers, i -> check(decoder, source.resolve(listed.get(i))), bar);
        }
        List<String> readable = new ArrayList<>();
        Map<String, String> firstWithContent = new HashMap<>();
        for (int i = 0; i < listed.size(); i++) {
            Checked photo = checked.get(i);
            String path = listed.get(i);
            String original = photo.sha256() == null ? null : firstWithContent.putIfAbsent(photo.sha256(), path);
            if (photo.error() != null) {
                skipped.add(new CopyDetectionReport.Skipped(path, photo.error()));
            } else if (original != null) {
                skipped.add(new CopyDetectionReport.Skipped(path, "the same file content as " + original));
            } else {
                readable.add(path);
            }
        }
        return readable;
    }

    private static Checked check(ImageDecoder decoder, Path file) {
        try {
            byte[] bytes = ImageDecoder.readFile(file);
            decoder.decode(bytes, file);
            return new Checked(Sha256.of(bytes), null);
        } catch (ImageDecodeException e) {
            return new Checked(null, e.getMessage());
        }
    }

    /** A photo's content hash when it decodes, else why not. */
    private record Checked(String sha256, String error) {}
}
