package dev.lookalike.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every edit type changes a photo visibly, deterministically, and leaves something a JPEG decoder reads. */
class EditsTest {

    private static BufferedImage photo;
    private static BufferedImage background;

    @BeforeAll
    static void photos() throws IOException {
        photo = DatasetFixtures.smallPhoto(0, 240);
        background = DatasetFixtures.smallPhoto(1, 200);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EditType.class)
    void eachTypeVisiblyChangesThePhotoAndStaysDecodable(EditType type) throws IOException {
        for (long seed = 0; seed < 5; seed++) {
            Edit edit = EditRecipe.draw(type, new SplittableRandom(seed), List.of("bg.jpg"), name -> background);
            assertEquals(type, edit.type());
            int[] before = Images.pixels(photo).clone();

            BufferedImage edited = edit.apply(photo);

            assertArrayEquals(before, Images.pixels(photo), "the input must be left as it was");
            assertEquals(BufferedImage.TYPE_INT_RGB, edited.getType());
            assertTrue(visiblyDifferent(photo, edited), edit.describe() + " left the photo nearly as it was");
            assertArrayEquals(
                    Images.pixels(edited), Images.pixels(edit.apply(photo)), "not deterministic: " + edit.describe());
            DecodedImage decoded = new ImageDecoder().decode(Images.jpeg(edited, 0.9f), "query.jpg");
            assertEquals(edited.getWidth(), decoded.width());
            assertEquals(edited.getHeight(), decoded.height());
            assertTrue(edit.describe().startsWith(type.id() + "("), edit.describe());
            assertTrue(edit.describe().chars().noneMatch(c -> c == ',' || c == '"' || c == '\n'), edit.describe());
        }
    }

    /**
     * A different size, or at least 0.5% of the pixels changed by more than 24 levels in a channel
     * (a small word over a photo covers about that much).
     */
    private static boolean visiblyDifferent(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return true;
        }
        int[] pa = Images.pixels(a);
        int[] pb = Images.pixels(b);
        int changed = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                if (Math.abs((pa[i] >> shift & 0xFF) - (pb[i] >> shift & 0xFF)) > 24) {
                    changed++;
                    break;
                }
            }
        }
        return changed >= 0.005 * pa.length;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EditType.class)
    void tinyImagesSurviveEveryEdit(EditType type) throws IOException {
        for (int[] size : new int[][] {{1, 1}, {2, 7}, {9, 2}}) {
            BufferedImage tiny = Images.blank(size[0], size[1]);
            java.util.Arrays.fill(Images.pixels(tiny), 0x40A0E0);
            for (long seed = 0; seed < 5; seed++) {
                Edit edit = EditRecipe.draw(type, new SplittableRandom(seed), List.of("bg.jpg"), name -> tiny);
                BufferedImage edited = edit.apply(tiny);
                assertTrue(edited.getWidth() >= 1 && edited.getHeight() >= 1, edit.describe());
                new ImageDecoder().decode(Images.jpeg(edited, 0.9f), "tiny.jpg");
            }
        }
    }

    @Test
    void flipTwiceAndFourQuarterTurnsGiveTheImageBack() {
        for (boolean horizontal : new boolean[] {true, false}) {
            Flip flip = new Flip(horizontal);
            assertArrayEquals(Images.pixels(photo), Images.pixels(flip.apply(flip.apply(photo))));
        }
        BufferedImage turned = photo;
        for (int i = 0; i < 4; i++) {
            turned = new Rotate(90).apply(turned);
        }
        assertArrayEquals(Images.pixels(photo), Images.pixels(turned));
    }

    @Test
    void aQuarterTurnIsCounterClockwise() {
        BufferedImage image = Images.blank(3, 2); // pixel values 0..5, row-major
        for (int i = 0; i < 6; i++) {
            Images.pixels(image)[i] = i;
        }
        BufferedImage turned = new Rotate(90).apply(image);
        assertEquals(2, turned.getWidth());
        assertEquals(3, turned.getHeight());
        // 0 1 2      2 5
        // 3 4 5  ->  1 4
        //            0 3
        assertArrayEquals(new int[] {2, 5, 1, 4, 0, 3}, Images.pixels(turned));
    }

    @Test
    void largestUprightRectangleMatchesGeometry() {
        // A square turned by 45 degrees holds a square of side / sqrt(2).
        assertArrayEquals(new double[] {70, 70}, Rotate.largestUprightRectangle(100, 100, Math.toRadians(45)));
        // A long thin strip turned a little: limited by its short side, h / (2 sin a) wide.
        double[] strip = Rotate.largestUprightRectangle(1000, 10, Math.toRadians(10));
        assertEquals(Math.floor(5 / Math.sin(Math.toRadians(10))), strip[0]);
        assertEquals(Math.floor(5 / Math.cos(Math.toRadians(10))), strip[1]);
        // No turn, the whole rectangle.
        double[] whole = Rotate.largestUprightRectangle(640, 480, 1e-9);
        assertEquals(640, whole[0], 1);
        assertEquals(480, whole[1], 1);
    }

    @Test
    void cropAndPadGiveTheSizesTheirFractionsSay() {
        BufferedImage image = Images.blank(200, 100);
        BufferedImage cropped = new Crop(0.25, 0.5, 0.5, 0.5).apply(image);
        assertEquals(100, cropped.getWidth());
        assertEquals(50, cropped.getHeight());
        BufferedImage padded = new Pad(0.1, 0.2, 0.3, 0.4, Color.RED).apply(image);
        assertEquals(20 + 200 + 60, padded.getWidth());
        assertEquals(20 + 100 + 40, padded.getHeight());
        assertEquals(0xFF0000, padded.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0, padded.getRGB(20, 20) & 0xFFFFFF);
    }

    @Test
    void largePhotosAreScaledDownToFitAndAveraged() {
        BufferedImage stripes = Images.blank(3000, 1000); // alternate black and white columns
        int[] pixels = Images.pixels(stripes);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i % 3000) % 2 == 0 ? 0xFFFFFF : 0;
        }
        BufferedImage fitted = Images.fitWithin(stripes, 1024);
        assertEquals(1024, fitted.getWidth());
        assertEquals(341, fitted.getHeight());
        int center = fitted.getRGB(512, 170) & 0xFF;
        assertTrue(Math.abs(center - 128) < 20, "stripes average to mid-gray, got " + center);
        assertTrue(photo == Images.fitWithin(photo, 1024), "a photo that fits is used as it is");
    }

    @Test
    void grayscaleUsesPilWeights() {
        BufferedImage image = Images.blank(1, 1);
        Images.pixels(image)[0] = 200 << 16 | 100 << 8 | 50;
        int y = (int) Math.round(200 * 0.299 + 100 * 0.587 + 50 * 0.114); // 124.3 -> 124
        assertEquals(y << 16 | y << 8 | y, Images.pixels(new Grayscale().apply(image))[0]);
    }

    @Test
    void neutralColorJitterAndBlurOfAFlatImageChangeNothing() {
        int[] neutral = Images.pixels(new ColorJitter(1, 1, 1, 0).apply(photo));
        int[] original = Images.pixels(photo);
        for (int i = 0; i < original.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                assertTrue(Math.abs((neutral[i] >> shift & 0xFF) - (original[i] >> shift & 0xFF)) <= 1);
            }
        }
        BufferedImage flat = Images.blank(30, 20);
        java.util.Arrays.fill(Images.pixels(flat), 0x336699);
        for (int p : Images.pixels(new Blur(0.05).apply(flat))) {
            assertEquals(0x336699, p);
        }
    }

    @Test
    void compositePastesIntoTheBackgroundAtItsSize() {
        BufferedImage out = new Composite(background, "bg.jpg", 0.5, 0, 0).apply(photo);
        assertEquals(background.getWidth(), out.getWidth());
        assertEquals(background.getHeight(), out.getHeight());
        // The far corner is still the background; the near one is the pasted copy.
        int w = background.getWidth() - 1;
        int h = background.getHeight() - 1;
        assertEquals(background.getRGB(w, h), out.getRGB(w, h));
        assertNotEquals(background.getRGB(1, 1), out.getRGB(1, 1));
    }

    @Test
    void homographyMapsTheCornersItWasFittedTo() {
        double[] from = {0, 0, 100, 0, 100, 50, 0, 50};
        double[] to = {10, 5, 90, 0, 100, 50, 3, 40};
        Homography h = Homography.fit(from, to);
        double[] at = new double[2];
        for (int i = 0; i < 4; i++) {
            h.map(from[2 * i], from[2 * i + 1], at);
            assertEquals(to[2 * i], at[0], 1e-9);
            assertEquals(to[2 * i + 1], at[1], 1e-9);
        }
        assertThrows(IllegalArgumentException.class, () -> Homography.fit(from, new double[] {0, 0, 1, 1, 2, 2, 3, 3}));
    }

    @Test
    void textIsDrawnInItsColourWithoutAnyFont() {
        BufferedImage gray = Images.blank(200, 100);
        java.util.Arrays.fill(Images.pixels(gray), 0x808080);
        BufferedImage out = new TextOverlay("HI5", Color.RED, 0.5, 0.1, 0.1, 0).apply(gray);
        long red = java.util.Arrays.stream(Images.pixels(out))
                .filter(p -> (p & 0xFFFFFF) == 0xFF0000)
                .count();
        // H, I and 5 fill 17 + 11 + 17 = 45 cells of (50/7)^2 = 51 pixels each, less antialiased edges.
        assertTrue(red > 45 * 25 && red < 45 * 55, "red pixels: " + red);
        assertThrows(IllegalArgumentException.class, () -> new TextOverlay("hi", Color.RED, 0.5, 0, 0, 0));
    }

    @Test
    void badParametersAreRefusedWithTheirValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Crop(0.6, 0, 0.6, 0.5));
        assertTrue(e.getMessage().contains("0.6"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Rotate(0));
        assertThrows(IllegalArgumentException.class, () -> new Blur(0));
        assertThrows(IllegalArgumentException.class, () -> new JpegRecompression(0));
        assertThrows(IllegalArgumentException.class, () -> new Pad(-0.1, 0, 0, 0, Color.RED));
        assertThrows(IllegalArgumentException.class, () -> new ColorJitter(1, 1, 1, 0.7));
        assertThrows(IllegalArgumentException.class, () -> new EmojiOverlay(List.of()));
        assertThrows(IllegalArgumentException.class, () -> EditType.byId("sepia"));
    }
}
