package dev.lookalike.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.SamplePhotos;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThumbnailsTest {

    @TempDir
    Path dir;

    /** Fixtures from tools/fixtures/report_orientation.py, checked upright there by PIL. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void turnsEveryExifOrientationUpright(int orientation) throws Exception {
        Path file = Path.of(
                getClass().getResource("orientation-" + orientation + ".jpg").toURI());
        BufferedImage thumb = decode(new Thumbnails().of(file));
        assertEquals(64, thumb.getWidth(), "small images are never enlarged");
        assertEquals(32, thumb.getHeight());
        assertColour(0xFF0000, thumb.getRGB(16, 8), "top left");
        assertColour(0x00FF00, thumb.getRGB(48, 8), "top right");
        assertColour(0x0000FF, thumb.getRGB(16, 24), "bottom left");
        assertColour(0xFFFFFF, thumb.getRGB(48, 24), "bottom right");
    }

    @Test
    void shrinksAPhotoToTheLongestSideKeepingItsShape() throws IOException {
        Path photo = cocoPhoto("000000000139.jpg");
        BufferedImage original = ImageIO.read(photo.toFile());
        BufferedImage thumb = decode(new Thumbnails(200).of(photo));
        double expectedHeight = 200.0 * original.getHeight() / original.getWidth();
        assertEquals(200, thumb.getWidth());
        assertEquals(expectedHeight, thumb.getHeight(), 0.5);
    }

    @Test
    void averagesFineDetailInsteadOfAliasingIt() throws IOException {
        // One-pixel black and white stripes: an unfiltered shrink picks all black or all white.
        int side = 1024;
        byte[] rgb = new byte[side * side * 3];
        for (int i = 0; i < side * side; i++) {
            byte v = (byte) ((i % side) % 2 == 0 ? 0 : 255);
            rgb[3 * i] = v;
            rgb[3 * i + 1] = v;
            rgb[3 * i + 2] = v;
        }
        BufferedImage thumb = decode(new Thumbnails(64).of(new DecodedImage(side, side, rgb)));
        assertEquals(64, thumb.getWidth());
        for (int y = 4; y < 60; y += 7) {
            for (int x = 4; x < 60; x += 7) {
                int grey = thumb.getRGB(x, y) & 0xFF;
                assertEquals(128, grey, 6, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void aCorruptFileGivesAPlaceholderNamingIt() throws IOException {
        Path broken = Files.write(dir.resolve("broken.jpg"), "not a JPEG at all".getBytes());
        Thumbnail thumb = new Thumbnails().of(broken);
        Thumbnail.Unreadable unreadable = assertInstanceOf(Thumbnail.Unreadable.class, thumb);
        assertTrue(unreadable.reason().contains("broken.jpg"), unreadable.reason());
    }

    @Test
    void aMissingFileGivesAPlaceholderNamingIt() {
        Thumbnail thumb = new Thumbnails().of(dir.resolve("missing.jpg"));
        Thumbnail.Unreadable unreadable = assertInstanceOf(Thumbnail.Unreadable.class, thumb);
        assertTrue(unreadable.reason().contains("missing.jpg"), unreadable.reason());
    }

    @Test
    void tooSmallASideIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Thumbnails(8));
        assertTrue(e.getMessage().contains("8"), e.getMessage());
    }

    static Path cocoPhoto(String name) {
        return SamplePhotos.named(name);
    }

    static BufferedImage decode(Thumbnail thumbnail) throws IOException {
        Thumbnail.Image image = assertInstanceOf(Thumbnail.Image.class, thumbnail);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.jpeg()));
        assertEquals(image.width(), decoded.getWidth());
        assertEquals(image.height(), decoded.getHeight());
        return decoded;
    }

    private static void assertColour(int expected, int argb, String where) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int want = expected >> shift & 0xFF;
            int got = argb >> shift & 0xFF;
            assertEquals(want, got, 24, where + String.format(": expected %06X, got %06X", expected, argb & 0xFFFFFF));
        }
    }
}
