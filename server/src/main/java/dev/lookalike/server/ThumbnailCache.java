package dev.lookalike.server;

import dev.lookalike.report.Thumbnail;
import dev.lookalike.report.Thumbnails;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thumbnails of indexed images, made on first request and kept in memory, least recently used dropped first. A
 * file that cannot be read is not remembered, so that it is served once it is fixed.
 */
final class ThumbnailCache {

    private final Thumbnails thumbnails = new Thumbnails();
    private final Map<Long, Thumbnail> cache;

    /** @param capacity how many thumbnails to keep (about 15 KB each) */
    ThumbnailCache(int capacity) {
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Thumbnail> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The thumbnail of image {@code id}, whose file is {@code file}. */
    Thumbnail get(long id, Path file) {
        synchronized (cache) {
            Thumbnail known = cache.get(id);
            if (known != null) {
                return known;
            }
        }
        // Made outside the lock: two requests for the same new image may both make it, which is harmless.
        Thumbnail made = thumbnails.of(file);
        if (made instanceof Thumbnail.Image) {
            synchronized (cache) {
                cache.put(id, made);
            }
        }
        return made;
    }
}
