package dev.lookalike.server;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lookalike.report.Thumbnail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailCacheTest {

    @Test
    void keepsThumbnailsButNotFailures(@TempDir Path dir) throws Exception {
        ThumbnailCache cache = new ThumbnailCache(4);
        Path file = dir.resolve("photo.jpg");
        assertInstanceOf(Thumbnail.Unreadable.class, cache.get(1, file), "missing");
        Files.writeString(file, "not an image");
        assertInstanceOf(Thumbnail.Unreadable.class, cache.get(1, file), "corrupt");

        Files.copy(TestIndex.outsidePhoto(0), file, StandardCopyOption.REPLACE_EXISTING);
        Thumbnail made = cache.get(1, file);
        assertInstanceOf(Thumbnail.Image.class, made, "read once the file is fixed");
        Files.delete(file);
        assertSame(made, cache.get(1, file), "a made thumbnail is kept");
    }
}
