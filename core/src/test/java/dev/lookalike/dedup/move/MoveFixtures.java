package dev.lookalike.dedup.move;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A folder of seeded files in subfolders, and its exact content for comparisons. */
final class MoveFixtures {

    private MoveFixtures() {}

    /** {@code count} files of 1-300 KB of seeded bytes under {@code root}, spread over subfolders; their paths. */
    static List<String> files(Path root, int count) throws IOException {
        SplittableRandom random = new SplittableRandom(count * 7919L);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String path = String.format("%s/p%03d.jpg", i % 3 == 0 ? "2024/trip" : "misc", i);
            byte[] bytes = new byte[1024 + random.nextInt(300 * 1024)];
            random.nextBytes(bytes);
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            Files.setLastModifiedTime(file, FileTime.fromMillis(1_600_000_000_000L + i * 1000L));
            paths.add(path);
        }
        return paths;
    }

    /** Every regular file under {@code root}: its bytes and modification time, by relative path. */
    static Map<String, Content> snapshot(Path root) throws IOException {
        Map<String, Content> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.put(
                        root.relativize(file).toString(),
                        new Content(
                                Files.readAllBytes(file),
                                Files.getLastModifiedTime(file).toMillis()));
            }
        }
        return out;
    }

    /** A file's bytes and modification time. */
    record Content(byte[] bytes, long mtime) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Content c && java.util.Arrays.equals(bytes, c.bytes) && mtime == c.mtime;
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes) * 31 + Long.hashCode(mtime);
        }

        @Override
        public String toString() {
            return bytes.length + " bytes, mtime " + mtime;
        }
    }
}
