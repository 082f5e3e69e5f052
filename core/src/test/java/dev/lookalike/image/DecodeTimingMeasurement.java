package dev.lookalike.image;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lookalike.preprocess.Preprocessor;
import dev.lookalike.preprocess.PreprocessorConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;

/**
 * Single-thread, warm-JIT timings of each decoding and preprocessing stage over 50 COCO photos.
 * Runs only when LOOKALIKE_TIMING is set; prints, asserts nothing.
 */
class DecodeTimingMeasurement {

    private static final Path VAL = Path.of("..", "..", "shared", "data", "coco", "images", "val2017");
    private static final int PHOTOS = 50;
    private static final String[] STAGES = {
        "read",
        "icc strip",
        "exif",
        "imageio read",
        "rgb conversion",
        "decode(bytes) total",
        "clip preprocess",
        "dinov2 preprocess"
    };

    @Test
    void measure() throws IOException {
        assumeTrue(System.getenv("LOOKALIKE_TIMING") != null, "set LOOKALIKE_TIMING to run");
        List<Path> photos;
        try (Stream<Path> files = Files.list(VAL)) {
            photos = files.filter(p -> p.toString().endsWith(".jpg"))
                    .sorted()
                    .limit(PHOTOS)
                    .toList();
        }
        ImageDecoder decoder = new ImageDecoder();
        Preprocessor clip = preprocessor("clip");
        Preprocessor dino = preprocessor("dinov2");
        System.out.println("JPEG reader: "
                + ImageIO.getImageReadersByFormatName("jpeg").next().getClass().getName());
        for (int round = 0; round < 8; round++) {
            long[] nanos = new long[STAGES.length];
            for (Path photo : photos) {
                timeOne(photo, decoder, clip, dino, nanos);
            }
            if (round >= 5) {
                StringBuilder line = new StringBuilder("round " + round + " ms/image:");
                for (int s = 0; s < STAGES.length; s++) {
                    line.append(String.format(" | %s %.2f", STAGES[s], nanos[s] / 1e6 / photos.size()));
                }
                System.out.println(line);
            }
        }
    }

    private static void timeOne(Path photo, ImageDecoder decoder, Preprocessor clip, Preprocessor dino, long[] nanos)
            throws IOException {
        long t0 = System.nanoTime();
        byte[] bytes = ImageDecoder.readFile(photo);
        long t1 = System.nanoTime();
        byte[] stripped = JpegSegments.withoutIccProfile(bytes);
        long t2 = System.nanoTime();
        ExifOrientation.read(bytes);
        long t3 = System.nanoTime();
        BufferedImage image = imageIoRead(stripped);
        long t4 = System.nanoTime();
        RgbConversion.toRgb(image);
        long t5 = System.nanoTime();
        DecodedImage decoded = decoder.decode(bytes, photo);
        long t6 = System.nanoTime();
        clip.preprocess(decoded);
        long t7 = System.nanoTime();
        dino.preprocess(decoded);
        long t8 = System.nanoTime();
        long[] marks = {t0, t1, t2, t3, t4, t5, t6, t7, t8};
        for (int s = 0; s < STAGES.length; s++) {
            nanos[s] += marks[s + 1] - marks[s];
        }
    }

    /** The pixel read as ImageDecoder does it. */
    private static BufferedImage imageIoRead(byte[] bytes) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in);
                return reader.read(0, ImageDecoder.readParam(reader));
            } finally {
                reader.dispose();
            }
        }
    }

    private static Preprocessor preprocessor(String model) throws IOException {
        return new Preprocessor(
                PreprocessorConfig.read(ImageFixtures.path("configs/" + model + "/preprocessor_config.json")));
    }
}
