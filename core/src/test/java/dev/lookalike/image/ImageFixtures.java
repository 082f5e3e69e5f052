package dev.lookalike.image;

import dev.lookalike.npy.NpyArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The fixtures written by tools/fixtures/make_image_fixtures.py, found on the test class path. */
public final class ImageFixtures {

    private ImageFixtures() {
    }

    /** A path under {@code fixtures/}, e.g. {@code images/gray.png}. */
    public static Path path(String relative) {
        URL url = ImageFixtures.class.getResource("/fixtures/" + relative);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The input image file names, sorted. */
    public static List<String> imageNames() {
        try (Stream<Path> files = Files.list(path("images"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file name without its extension, as the golden files are named. */
    public static String stem(String fileName) {
        return fileName.substring(0, fileName.lastIndexOf('.'));
    }

    /** Reads a gzipped {@code .npy} fixture. */
    public static NpyArray readNpyGz(String relative) throws IOException {
        return NpyArray.read(path(relative));
    }

    /** PIL's decoded pixels for an image, uint8 HxWx3 widened to floats. */
    public static NpyArray pilPixels(String stemAndSuffix) throws IOException {
        return readNpyGz("decoded/" + stemAndSuffix + ".npy.gz");
    }
}
