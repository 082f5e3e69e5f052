package dev.lookalike.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyArrayTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsShapesOfEveryRank() throws IOException {
        for (int[] shape : new int[][] {{}, {3}, {2, 3}, {1, 3, 2, 2}}) {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            float[] data = new float[n];
            for (int i = 0; i < n; i++) {
                data[i] = i * 0.5f - 1;
            }
            Path file = dir.resolve("a" + shape.length + ".npy");
            new NpyArray(shape, data).write(file);
            NpyArray back = NpyArray.read(file);
            assertArrayEquals(shape, back.shape());
            assertArrayEquals(data, back.data());
        }
    }

    @Test
    void headerIsPaddedTo64BytesAsNumpyRequires() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new NpyArray(new int[] {2, 2}, new float[4]).write(out);
        byte[] bytes = out.toByteArray();
        int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLength) % 64);
        assertEquals('\n', bytes[10 + headerLength - 1]);
        assertEquals(10 + headerLength + 16, bytes.length);
    }

    @Test
    void truncatedDataIsReportedWithTheFileName() throws IOException {
        Path file = dir.resolve("t.npy");
        new NpyArray(new int[] {4}, new float[4]).write(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        IOException e = assertThrows(IOException.class, () -> NpyArray.read(file));
        assertEquals(true, e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void shapeMustMatchData() {
        assertThrows(IllegalArgumentException.class, () -> new NpyArray(new int[] {2, 2}, new float[3]));
    }
}
