package dev.lookalike.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.npy.NpyArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** EXIF orientation, the bomb guard and bad input. */
class ImageDecoderTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void appliesExifOrientationLikePilExifTranspose(int orientation) throws IOException {
        Path file = ImageFixtures.path("images/exif" + orientation + ".jpg");

        DecodedImage image = new ImageDecoder().decode(file);

        assertSamePixels(ImageFixtures.pilPixels("exif" + orientation + ".exif"), image);
    }

    @Test
    void ignoresExifOrientationWhenAskedLikePilOpen() throws IOException {
        DecodedImage image =
                new ImageDecoder(new DecodeOptions(false, 10_000)).decode(ImageFixtures.path("images/exif6.jpg"));

        assertEquals(40, image.width());
        assertSamePixels(ImageFixtures.pilPixels("exif6"), image);
    }

    @Test
    void decodesFromMemoryLikeFromAFile() throws IOException {
        Path file = ImageFixtures.path("images/palette_trns.png");

        DecodedImage fromBytes = new ImageDecoder().decode(Files.readAllBytes(file), "upload.png");

        assertArrayEquals(new ImageDecoder().decode(file).rgb(), fromBytes.rgb());
    }

    @Test
    void refusesABombFromItsHeaderBeforeDecoding() throws IOException {
        Path bomb = temp.resolve("bomb.png");
        Files.write(bomb, ImageFixtures.blackPng(20_000, 20_000));

        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> new ImageDecoder().decode(bomb));

        assertMessage(e, bomb, "20000x20000", "400000000 pixels", "limit of 100000000");
    }

    @Test
    void theLimitIsConfigurable() throws IOException {
        Path photo = ImageFixtures.path("images/000000001503.jpg");

        ImageDecodeException e = assertThrows(
                ImageDecodeException.class,
                () -> new ImageDecoder(new DecodeOptions(true, 320 * 240 - 1)).decode(photo));

        assertMessage(e, photo, "320x240", "limit of 76799");
        assertEquals(
                320,
                new ImageDecoder(new DecodeOptions(true, 320 * 240))
                        .decode(photo)
                        .width());
    }

    @Test
    void missingFile() {
        Path missing = temp.resolve("missing.jpg");
        assertMessage(
                assertThrows(ImageDecodeException.class, () -> new ImageDecoder().decode(missing)),
                missing,
                "no such file");
    }

    @Test
    void directory() {
        assertMessage(
                assertThrows(ImageDecodeException.class, () -> new ImageDecoder().decode(temp)), temp, "directory");
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = Files.createFile(temp.resolve("empty.png"));
        assertMessage(
                assertThrows(ImageDecodeException.class, () -> new ImageDecoder().decode(empty)), empty, "empty file");
    }

    @Test
    void randomBytes() throws IOException {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        Path file = Files.write(temp.resolve("noise.jpg"), noise);
        assertMessage(
                assertThrows(ImageDecodeException.class, () -> new ImageDecoder().decode(file)),
                file,
                "not a supported image format");
    }

    @Test
    void textNamedLikeAnImage() throws IOException {
        Path file = Files.writeString(temp.resolve("notes.png"), "not an image\n", StandardCharsets.UTF_8);
        assertMessage(
                assertThrows(ImageDecodeException.class, () -> new ImageDecoder().decode(file)),
                file,
                "not a supported image format");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"000000001503.jpg", "progressive.jpg", "gray_jpeg.jpg", "000000001503_png.png", "rgb16.png"})
    void truncatedFile(String name) throws IOException {
        byte[] whole = Files.readAllBytes(ImageFixtures.path("images/" + name));
        Path cut = Files.write(temp.resolve("cut-" + name), Arrays.copyOf(whole, whole.length * 2 / 3));

        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> new ImageDecoder().decode(cut));

        assertMessage(e, cut, "truncated");
    }

    @Test
    void decodesConcurrently() throws Exception {
        Path file = ImageFixtures.path("images/000000005586.jpg");
        ImageDecoder decoder = new ImageDecoder();
        byte[] expected = decoder.decode(file).rgb();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            java.util.concurrent.Callable<byte[]> task =
                    () -> decoder.decode(file).rgb();
            for (var result : pool.invokeAll(java.util.Collections.nCopies(16, task))) {
                assertArrayEquals(expected, result.get());
            }
        }
    }

    private static void assertMessage(ImageDecodeException e, Path file, String... parts) {
        String message = e.getMessage();
        assertEquals(file, e.file());
        assertTrue(message.startsWith(file.toString()), message);
        assertTrue(!message.contains("\n"), "one line: " + message);
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' in: " + message);
        }
    }

    private static void assertSamePixels(NpyArray expected, DecodedImage image) {
        assertArrayEquals(new int[] {image.height(), image.width(), 3}, expected.shape());
        byte[] want = new byte[expected.data().length];
        for (int i = 0; i < want.length; i++) {
            want[i] = (byte) (int) expected.data()[i];
        }
        assertArrayEquals(want, image.rgb());
    }
}
