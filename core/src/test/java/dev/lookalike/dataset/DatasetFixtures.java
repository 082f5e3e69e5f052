package dev.lookalike.dataset;

import dev.lookalike.image.ImageDecoder;
import dev.lookalike.image.SamplePhotos;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The sample COCO photos ({@link SamplePhotos}) for the dataset tests. */
final class DatasetFixtures {

    private DatasetFixtures() {}

    /** The first {@code count} sample photos, sorted. */
    static List<Path> photos(int count) {
        return SamplePhotos.first(count);
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
        BufferedImage full =
                Images.fromDecoded(new ImageDecoder().decode(photos(index + 1).get(index)));
        int height = Math.max(1, full.getHeight() * width / full.getWidth());
        BufferedImage small = Images.blank(width, height);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(full, 0, 0, width, height, null);
        g.dispose();
        return small;
    }
}
