package dev.lookalike.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.image.DecodeOptions;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.image.ImageFixtures;
import dev.lookalike.image.SamplePhotos;
import dev.lookalike.npy.NpyArray;
import dev.lookalike.preprocess.Luma;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The perceptual hash against Python ImageHash's definition, computed with PIL and scipy by
 * tools/fixtures/make_phash_fixtures.py: the thumbnail byte for byte, the hash bit for bit.
 */
class PerceptualHashTest {

    @Test
    void thumbnailsAreThoseOfPilConvertLAndLanczosResize() throws IOException {
        for (PhashReference reference : PhashReference.read("fixtures.csv")) {
            byte[] thumbnail = Luma.thumbnail(pilImage(reference.name()), PerceptualHash.THUMBNAIL_SIZE);

            assertArrayEquals(reference.thumbnail(), thumbnail, reference.name());
        }
    }

    @Test
    void fixtureHashesAreImageHashes() throws IOException {
        List<PhashReference> references = PhashReference.read("fixtures.csv");
        for (PhashReference reference : references) {
            assertSameHash(reference, PerceptualHash.of(pilImage(reference.name())), reference.thumbnail());
        }
        assertTrue(references.size() > 40, "fixtures read: " + references.size());
    }

    /**
     * Every image fixture from its file, decoded by lookalike (with and without EXIF orientation), hashes
     * as ImageHash does on PIL's pixels: formats, alpha, palettes, 16 bits and CMYK included.
     */
    @Test
    void fixtureFilesHashAsImageHashFromTheirFiles() throws IOException {
        Map<String, PhashReference> byName = new HashMap<>();
        PhashReference.read("fixtures.csv").forEach(reference -> byName.put(reference.name(), reference));
        ImageDecoder asStored = new ImageDecoder(new DecodeOptions(false, 100_000_000L));
        ImageDecoder upright = new ImageDecoder(DecodeOptions.DEFAULT);
        for (String file : ImageFixtures.imageNames()) {
            String stem = ImageFixtures.stem(file);
            Path path = ImageFixtures.path("images/" + file);
            DecodedImage image = asStored.decode(path);
            assertSameHash(byName.get(stem), PerceptualHash.of(image), Luma.thumbnail(image, 32));
            if (byName.containsKey(stem + ".exif")) {
                DecodedImage rotated = upright.decode(path);
                assertSameHash(byName.get(stem + ".exif"), PerceptualHash.of(rotated), Luma.thumbnail(rotated, 32));
            }
        }
    }

    /** Every sample COCO photo from its file: the decoder is exact for JPEG, so the hash must be too. */
    @Test
    void cocoHashesAreImageHashesBitForBit() throws IOException {
        ImageDecoder decoder = new ImageDecoder(new DecodeOptions(false, 100_000_000L));
        List<String> differing = new ArrayList<>();
        List<PhashReference> references = PhashReference.read("coco.csv");
        for (PhashReference reference : references) {
            DecodedImage image = decoder.decode(SamplePhotos.named(reference.name()));
            long hash = PerceptualHash.of(image);
            if (hash != reference.hash()) {
                differing.add(reference.name());
            }
            assertSameHash(reference, hash, Luma.thumbnail(image, PerceptualHash.THUMBNAIL_SIZE));
        }
        assertEquals(
                SamplePhotos.all().stream()
                        .map(photo -> photo.getFileName().toString())
                        .toList(),
                references.stream().map(PhashReference::name).toList(),
                "a reference for every sample photo");
        assertEquals(List.of(), differing, "photos whose hash differs from ImageHash's");
    }

    @Test
    void lowFrequenciesFollowTheDctIiDefinition() {
        Random random = new Random(11);
        double[] pixels = new double[32 * 32];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(256);
        }

        double[] coefficients = PerceptualHash.lowFrequencies(pixels);

        for (int k = 0; k < 8; k++) {
            for (int l = 0; l < 8; l++) {
                double expected = 0;
                for (int m = 0; m < 32; m++) {
                    for (int n = 0; n < 32; n++) {
                        expected += 4
                                * pixels[m * 32 + n]
                                * Math.cos(Math.PI * k * (2 * m + 1) / 64)
                                * Math.cos(Math.PI * l * (2 * n + 1) / 64);
                    }
                }
                assertEquals(expected, coefficients[k * 8 + l], 1e-8 * Math.max(1, Math.abs(expected)), k + "," + l);
            }
        }
    }

    @Test
    void aFlatImageHasOnlyItsDcBitSet() {
        byte[] gray = new byte[32 * 32];
        java.util.Arrays.fill(gray, (byte) 200);

        assertEquals("8000000000000000", PerceptualHash.hex(PerceptualHash.ofThumbnail(gray)));
    }

    @Test
    void bitsAreRowMajorWithBitZeroMostSignificant() {
        double[] coefficients = new double[64];
        coefficients[0] = 10; // above the median (0): bit 0
        coefficients[9] = 5; // row 1, column 1: bit 9
        coefficients[63] = 1; // bit 63

        long hash = PerceptualHash.fromCoefficients(coefficients);

        assertEquals("8040000000000001", PerceptualHash.hex(hash));
        float[] vector = PerceptualHash.toVector(hash);
        assertEquals(1f, vector[0]);
        assertEquals(1f, vector[9]);
        assertEquals(-1f, vector[10]);
        assertEquals(1f, vector[63]);
    }

    @Test
    void vectorsCosineIsOneMinusTwiceTheHammingFraction() {
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            long a = random.nextLong();
            long b = trial % 10 == 0 ? a : random.nextLong();
            float[] va = PerceptualHash.toVector(a);
            float[] vb = PerceptualHash.toVector(b);
            double dot = 0;
            for (int i = 0; i < 64; i++) {
                dot += va[i] * vb[i];
            }
            int hamming = PerceptualHash.hamming(a, b);

            assertEquals(1 - 2.0 * hamming / 64, dot / 64, 0.0);
            assertEquals(Long.bitCount(a ^ b), hamming);
            assertEquals(a, PerceptualHash.fromVector(va));
            assertEquals(a, PerceptualHash.parseHex(PerceptualHash.hex(a)));
        }
    }

    @Test
    void badSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PerceptualHash.lowFrequencies(new double[31 * 32]));
        assertThrows(IllegalArgumentException.class, () -> PerceptualHash.fromVector(new float[63]));
        assertThrows(IllegalArgumentException.class, () -> PerceptualHash.parseHex("abc"));
    }

    /**
     * The hash equals the reference, except that where the reference image has coefficients within
     * rounding of the median, a differing bit must be such a coefficient in our DCT too.
     */
    private static void assertSameHash(PhashReference reference, long hash, byte[] thumbnail) {
        if (!reference.ambiguous()) {
            assertEquals(PerceptualHash.hex(reference.hash()), PerceptualHash.hex(hash), reference.name());
            return;
        }
        double[] pixels = new double[thumbnail.length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = thumbnail[i] & 0xFF;
        }
        double[] coefficients = PerceptualHash.lowFrequencies(pixels);
        double median = PerceptualHash.median(coefficients);
        long differing = hash ^ reference.hash();
        for (int i = 0; i < 64; i++) {
            if ((differing & (1L << (63 - i))) != 0) {
                assertTrue(
                        Math.abs(coefficients[i] - median) < PhashReference.ROUNDING,
                        reference.name() + ": bit " + i + " differs though its coefficient is "
                                + (coefficients[i] - median) + " from the median");
            }
        }
    }

    /** PIL's decoded RGB pixels of an image fixture (the decoded/ goldens), so that only the hash is tested. */
    private static DecodedImage pilImage(String stem) throws IOException {
        NpyArray pixels = ImageFixtures.pilPixels(stem);
        int[] shape = pixels.shape();
        byte[] rgb = new byte[pixels.data().length];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (int) pixels.data()[i];
        }
        return new DecodedImage(shape[1], shape[0], rgb);
    }
}
