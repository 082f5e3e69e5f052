package dev.lookalike.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A 12 MP JPEG (tools/fixtures/make_large_jpeg_fixture.py) decodes to PIL's pixels with
 * libjpeg-turbo and with the ImageIO fallback, and fast mode's DCT scaling gives PIL's
 * {@code draft()} pixels at every scale.
 */
public class LargeJpegDecodeTest {

    public static final String PHOTO = "large/phone_12mp.jpg";
    private static final DecodeOptions AS_STORED = new DecodeOptions(false, 100_000_000L);

    @TempDir
    Path temp;

    @Test
    void libjpegTurboDecodesLikePil() throws IOException {
        TurboJpeg turbo = turboJpeg();
        assertDecodes(new ImageDecoder(AS_STORED, turbo, ImageDecoder.DEFAULT_RESIZE_EDGE), "1");
    }

    @Test
    void imageIoFallbackDecodesLikePil() throws IOException {
        ImageDecoder imageIo = new ImageDecoder(AS_STORED, null, ImageDecoder.DEFAULT_RESIZE_EDGE);
        assertFalse(imageIo.usesLibjpegTurbo());
        assertTrue(imageIo.jpegDecoder().startsWith("ImageIO"), imageIo.jpegDecoder());
        assertDecodes(imageIo, "1");
    }

    /** 3024 pixels on the short side: scaled by the largest of 8, 4, 2 that keeps twice the edge. */
    @ParameterizedTest(name = "resize edge {0}: 1/{1}")
    @CsvSource({"112, 8", "189, 8", "190, 4", "256, 4", "378, 4", "379, 2", "756, 2", "757, 1"})
    void fastModeScalesLikePilDraft(int resizeEdge, int scale) throws IOException {
        ImageDecoder fast = new ImageDecoder(AS_STORED.withMode(DecodeMode.FAST), turboJpeg(), resizeEdge);
        assertDecodes(fast, Integer.toString(scale));
    }

    @Test
    void fastModeWithoutLibjpegTurboDecodesExactly() throws IOException {
        ImageDecoder fallback = new ImageDecoder(AS_STORED.withMode(DecodeMode.FAST), null, 256);
        assertDecodes(fallback, "1");
    }

    @Test
    void smallJpegsAndOtherFormatsAreNotScaled() throws IOException {
        ImageDecoder fast = new ImageDecoder(AS_STORED.withMode(DecodeMode.FAST), turboJpeg(), 112);
        ImageDecoder exact = new ImageDecoder(AS_STORED, turboJpeg(), 112);
        for (String name : new String[] {"images/000000001503.jpg", "images/000000001503_png.png"}) {
            Path file = ImageFixtures.path(name);
            assertTrue(Arrays.equals(exact.decode(file).rgb(), fast.decode(file).rgb()), name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"libjpeg-turbo", "ImageIO"})
    void truncatedPhoto(String backend) throws IOException {
        ImageDecoder decoder = new ImageDecoder(AS_STORED, backend.equals("ImageIO") ? null : turboJpeg(), 256);
        byte[] whole = Files.readAllBytes(ImageFixtures.path(PHOTO));
        Path cut = Files.write(temp.resolve("cut.jpg"), Arrays.copyOf(whole, whole.length / 2));

        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(cut));

        assertEquals(cut + ": truncated JPEG data", e.getMessage());
    }

    @Test
    void corruptHeaderIsNamed() throws IOException {
        byte[] bytes = Files.readAllBytes(ImageFixtures.path(PHOTO));
        byte[] broken = Arrays.copyOf(bytes, 600);
        Arrays.fill(broken, 2, 600, (byte) 0x17);
        Path file = Files.write(temp.resolve("broken.jpg"), broken);
        ImageDecoder decoder = new ImageDecoder(AS_STORED, turboJpeg(), 256);

        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(file));

        assertTrue(e.getMessage().startsWith(file + ": corrupt or truncated image data ("), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void bombGuardReadsTheHeaderFirst() throws IOException {
        ImageDecoder decoder = new ImageDecoder(new DecodeOptions(false, 12_000_000L), turboJpeg(), 256);
        Path file = ImageFixtures.path(PHOTO);

        ImageTooLargeException e = assertThrows(ImageTooLargeException.class, () -> decoder.decode(file));

        assertTrue(e.getMessage().contains("4032x3024 = 12192768 pixels, over the limit of 12000000"), e.getMessage());
    }

    /** What the fallback's note tells when the library is not where it was looked for. */
    @Test
    void aMissingLibraryIsNamed() throws Exception {
        assumeTrue(Runtime.version().feature() >= 22, "the foreign function API needs Java 22");
        java.lang.reflect.Method open =
                Class.forName("dev.lookalike.image.TurboJpegLibrary").getMethod("open", String.class);
        String missing = temp.resolve("libturbojpeg.so.0").toString();

        var e = assertThrows(java.lang.reflect.InvocationTargetException.class, () -> open.invoke(null, missing));

        assertTrue(e.getCause() instanceof IllegalStateException, e.getCause().toString());
        assertTrue(
                e.getCause().getMessage().startsWith("no TurboJPEG library: tried " + missing),
                e.getCause().getMessage());
    }

    private static void assertDecodes(ImageDecoder decoder, String scale) throws IOException {
        JsonNode expected = reference().path("decoded").path(scale);
        DecodedImage image = decoder.decode(ImageFixtures.path(PHOTO));
        assertEquals(expected.path("width").asInt(), image.width(), "width at 1/" + scale);
        assertEquals(expected.path("height").asInt(), image.height(), "height at 1/" + scale);
        assertEquals(expected.path("sha256").asText(), sha256(image.rgb()), "PIL's pixels at 1/" + scale);
    }

    /** libjpeg-turbo; the test is skipped where it is not installed. */
    static TurboJpeg turboJpeg() {
        assumeTrue(TurboJpegLoader.turboJpeg().isPresent(), "libjpeg-turbo: " + TurboJpegLoader.unavailableReason());
        return TurboJpegLoader.turboJpeg().orElseThrow();
    }

    /** PIL's hashes of the fixture. */
    public static JsonNode reference() throws IOException {
        return new ObjectMapper()
                .readTree(ImageFixtures.path("large/phone_12mp.json").toFile());
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
