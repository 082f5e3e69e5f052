package dev.lookalike.dataset;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lookalike.image.ImageDecoder;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** COCO photos from ../shared/data/coco for the dataset tests. */
final class DatasetFixtures {

    private static final Path COCO = Path.of("../../shared/data/coco/images/val2017");

    private DatasetFixtures() {
    }

    /** The first {@code count} COCO val2017 photos, sorted; skips the test without them. */
    static List<Path> photos(int count) throws IOException {
        assumeTrue(Files.isDirectory(COCO), "COCO photos not found at " + COCO.toAbsolutePath());
        try (Stream<Path> files = Files.list(COCO)) {
            return files.filter(file -> file.toString().endsWith(".jpg")).sorted().limit(count).toList();
        }
    }

    /** Copies the first {@code count} photos into a new folder {@code dir}. */
    static Path photoFolder(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        for (Path photo : photos(count)) {
            Files.copy(photo, dir.resolve(photo.getFileName()));
        }
        return dir;
    }

    /** A COCO photo decoded and scaled to about {@code width} pixels wide, for fast edit tests. */
    static BufferedImage smallPhoto(int index, int width) throws IOException {
        BufferedImage full = Images.fromDecoded(new ImageDecoder().decode(photos(index + 1).get(index)));
        int height = Math.max(1, full.getHeight() * width / full.getWidth());
        BufferedImage small = Images.blank(width, height);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(full, 0, 0, width, height, null);
        g.dispose();
        return small;
    }
}
