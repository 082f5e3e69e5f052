package dev.lookalike.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The 32 COCO val2017 photos committed in the repository's {@code samples/coco} (licence notice in
 * {@code samples/README.md}): the real photos every module's tests use, found from the module's folder.
 */
public final class SamplePhotos {

    /** How many photos {@code samples/coco} holds. */
    public static final int COUNT = 32;

    private SamplePhotos() {}

    /** The {@code samples/coco} folder, looked up from the working directory towards the file system root. */
    public static Path folder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path samples = dir.resolve("samples").resolve("coco");
            if (Files.isDirectory(samples)) {
                return samples;
            }
        }
        throw new IllegalStateException(
                "samples/coco not found above " + Path.of("").toAbsolutePath());
    }

    /** Every sample photo, sorted by name. */
    public static List<Path> all() {
        try (Stream<Path> files = Files.list(folder())) {
            List<Path> photos = files.filter(file -> file.toString().endsWith(".jpg"))
                    .sorted()
                    .toList();
            if (photos.size() != COUNT) {
                throw new IllegalStateException(COUNT + " photos expected in " + folder() + ", found " + photos.size());
            }
            return photos;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code count} photos in name order. */
    public static List<Path> first(int count) {
        return all().subList(0, count);
    }

    /** The photo named {@code fileName}. */
    public static Path named(String fileName) {
        Path photo = folder().resolve(fileName);
        if (!Files.isRegularFile(photo)) {
            throw new IllegalArgumentException("no sample photo " + photo);
        }
        return photo;
    }

    /** {@code count} photos picked with {@code seed}, sorted by name. */
    public static List<Path> pick(int count, long seed) {
        return shuffled(seed).subList(0, count).stream().sorted().toList();
    }

    /** Every photo in an order made by {@code seed}: split it to get disjoint picks. */
    public static List<Path> shuffled(long seed) {
        List<Path> photos = new ArrayList<>(all());
        Collections.shuffle(photos, new Random(seed));
        return photos;
    }
}
