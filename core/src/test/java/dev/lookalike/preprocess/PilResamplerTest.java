package dev.lookalike.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lookalike.image.DecodeOptions;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.image.ImageFixtures;
import dev.lookalike.npy.NpyArray;
import java.io.IOException;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The resampler against PIL's {@code Image.resize} output, byte for byte. */
class PilResamplerTest {

    private static final Pattern NAME = Pattern.compile("(.+)_(nearest|bilinear|bicubic|box|lanczos)_(\\d+)x(\\d+)");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "baseline444_nearest_37x53",
                "baseline444_nearest_150x101",
                "baseline444_bilinear_37x53",
                "baseline444_bilinear_150x101",
                "baseline444_bicubic_37x53",
                "baseline444_bicubic_150x101",
                "baseline444_box_37x53",
                "baseline444_bicubic_96x13",
                "panorama_bilinear_333x20",
                "tiny_bicubic_31x29",
                "baseline444_lanczos_37x53",
                "baseline444_lanczos_150x101"
            })
    void matchesPilResize(String golden) throws IOException {
        Matcher m = NAME.matcher(golden);
        assertEquals(true, m.matches(), golden);
        DecodedImage source = decode(m.group(1));
        Resample filter = Resample.valueOf(m.group(2).toUpperCase(java.util.Locale.ROOT));
        int width = Integer.parseInt(m.group(3));
        int height = Integer.parseInt(m.group(4));

        byte[] resized = PilResampler.resizeWindow(
                source.rgb(), source.width(), source.height(), width, height, filter, 0, 0, width, height);

        NpyArray expected = ImageFixtures.readNpyGz("preprocess/resize/" + golden + ".npy.gz");
        assertArrayEquals(new int[] {height, width, 3}, expected.shape());
        assertArrayEquals(toBytes(expected.data()), resized, golden);
    }

    @Test
    void aWindowHoldsTheSamePixelsAsTheFullResize() throws IOException {
        DecodedImage source = decode("baseline444");
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int outW = 1 + random.nextInt(200);
            int outH = 1 + random.nextInt(200);
            int winX = random.nextInt(outW);
            int winY = random.nextInt(outH);
            int winW = 1 + random.nextInt(outW - winX);
            int winH = 1 + random.nextInt(outH - winY);
            for (Resample filter : Resample.values()) {
                byte[] full = PilResampler.resizeWindow(
                        source.rgb(), source.width(), source.height(), outW, outH, filter, 0, 0, outW, outH);
                byte[] window = PilResampler.resizeWindow(
                        source.rgb(), source.width(), source.height(), outW, outH, filter, winX, winY, winW, winH);
                for (int y = 0; y < winH; y++) {
                    for (int i = 0; i < winW * 3; i++) {
                        assertEquals(
                                full[((winY + y) * outW + winX) * 3 + i],
                                window[y * winW * 3 + i],
                                filter + " " + outW + "x" + outH + " window row " + y);
                    }
                }
            }
        }
    }

    /** The Vector API resampler gives the scalar one's bytes: random images, sizes, windows, filters. */
    @Test
    void simdResamplerMatchesTheScalarOne() {
        assumeTrue(PilResampler.SIMD, "no Vector API here");
        Random random = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int inW = 1 + random.nextInt(trial < 150 ? 40 : 700);
            int inH = 1 + random.nextInt(trial < 150 ? 40 : 500);
            byte[] src = new byte[inW * inH * 3];
            random.nextBytes(src);
            int outW = 1 + random.nextInt(trial % 3 == 0 ? 3 * inW : Math.max(1, inW));
            int outH = 1 + random.nextInt(trial % 3 == 0 ? 3 * inH : Math.max(1, inH));
            int winX = random.nextInt(outW);
            int winY = random.nextInt(outH);
            int winW = 1 + random.nextInt(outW - winX);
            int winH = 1 + random.nextInt(outH - winY);
            for (Resample filter :
                    new Resample[] {Resample.BOX, Resample.BILINEAR, Resample.BICUBIC, Resample.LANCZOS}) {
                String what = filter + " " + inW + "x" + inH + " -> " + outW + "x" + outH + " window " + winX + ","
                        + winY + " " + winW + "x" + winH;
                assertArrayEquals(
                        PilResampler.resizeWindowScalar(src, inW, inH, outW, outH, filter, winX, winY, winW, winH),
                        SimdResampler.resizeWindow(src, inW, inH, outW, outH, filter, winX, winY, winW, winH),
                        what);
            }
        }
    }

    private static DecodedImage decode(String stem) throws IOException {
        String file = ImageFixtures.imageNames().stream()
                .filter(n -> ImageFixtures.stem(n).equals(stem))
                .findFirst()
                .orElseThrow();
        return new ImageDecoder(new DecodeOptions(false, 1_000_000)).decode(ImageFixtures.path("images/" + file));
    }

    private static byte[] toBytes(float[] values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) (int) values[i];
        }
        return bytes;
    }
}
