package dev.lookalike.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bursts by EXIF camera and capture time, on JPEGs given a hand-built EXIF block. */
class SameSceneTest {

    @TempDir
    Path dir;

    @Test
    void shotsOfOneCameraAtMostThreeSecondsApartAreOneScene() throws Exception {
        write("a.jpg", "Canon", "2024:05:01 10:00:00");
        write("b.jpg", "Canon", "2024:05:01 10:00:02");
        write("c.jpg", "Canon", "2024:05:01 10:00:05"); // chained through b: 3 s after it
        write("d.jpg", "Canon", "2024:05:01 10:00:09"); // 4 s later: alone
        write("e.jpg", "Nikon", "2024:05:01 10:00:01"); // another camera
        write("f.jpg", "Nikon", "2024:05:01 10:00:01");
        Files.write(dir.resolve("g.jpg"), Images.jpeg(Images.blank(8, 8), 0.9f)); // no EXIF
        Map<String, Integer> scenes =
                SameScene.scenes(dir, List.of("a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg", "f.jpg", "g.jpg"));
        assertEquals(Map.of("a.jpg", 0, "b.jpg", 0, "c.jpg", 0, "e.jpg", 1, "f.jpg", 1), scenes);
    }

    private void write(String name, String make, String time) throws Exception {
        byte[] jpeg = Images.jpeg(Images.blank(8, 8), 0.9f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(app1(make, time));
        out.write(jpeg, 2, jpeg.length - 2);
        Files.write(dir.resolve(name), out.toByteArray());
    }

    /** IFD0: Make and the EXIF IFD pointer; the EXIF IFD: DateTimeOriginal. Big-endian TIFF. */
    private static byte[] app1(String make, String time) {
        byte[] makeBytes = (make + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] timeBytes = (time + "\0").getBytes(StandardCharsets.US_ASCII);
        int ifd0 = 8;
        int exifIfd = ifd0 + 2 + 2 * 12 + 4;
        int makeAt = exifIfd + 2 + 12 + 4;
        int timeAt = makeAt + makeBytes.length;
        ByteBuffer tiff = ByteBuffer.allocate(timeAt + timeBytes.length);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(ifd0);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x010F)
                .putShort((short) 2)
                .putInt(makeBytes.length)
                .putInt(makeAt);
        tiff.putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(exifIfd);
        tiff.putInt(0);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x9003)
                .putShort((short) 2)
                .putInt(timeBytes.length)
                .putInt(timeAt);
        tiff.putInt(0);
        tiff.put(makeBytes).put(timeBytes);
        byte[] body = tiff.array();
        int length = 2 + 6 + body.length;
        ByteBuffer segment = ByteBuffer.allocate(2 + length);
        segment.put((byte) 0xFF)
                .put((byte) 0xE1)
                .putShort((short) length)
                .put("Exif\0\0".getBytes(StandardCharsets.US_ASCII))
                .put(body);
        return segment.array();
    }
}
