package dev.lookalike.store;

import java.util.Objects;

/**
 * One image file under the indexed root, as the index records it.
 *
 * @param path        the path relative to the indexed root, with {@code /} separators
 * @param size        the file's size in bytes
 * @param mtimeMillis the file's last-modified time, milliseconds since the epoch
 * @param sha256      the content's SHA-256 (lower-case hex); required when ok, may be null when
 *                    skipped
 * @param width       the decoded width in pixels (0 when skipped)
 * @param height      the decoded height in pixels (0 when skipped)
 * @param status      whether the file was embedded or skipped
 * @param error       why the file was skipped; null when {@link FileStatus#OK}
 */
public record FileRecord(
        String path,
        long size,
        long mtimeMillis,
        String sha256,
        int width,
        int height,
        FileStatus status,
        String error) {

    public FileRecord {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\")) {
            throw new IllegalArgumentException("path must be relative with / separators, got '" + path + "'");
        }
        if (size < 0) {
            throw new IllegalArgumentException(path + ": negative size " + size);
        }
        if (status == FileStatus.OK && (sha256 == null || error != null || width < 1 || height < 1)) {
            throw new IllegalArgumentException(path + ": an ok file needs a sha256, a positive size in pixels and no"
                    + " error, got sha256=" + sha256 + " " + width + "x" + height + " error=" + error);
        }
        if (status == FileStatus.SKIPPED && (error == null || error.isBlank())) {
            throw new IllegalArgumentException(path + ": a skipped file needs its error");
        }
    }

    /** A file that was decoded and embedded. */
    public static FileRecord ok(String path, long size, long mtimeMillis, String sha256, int width, int height) {
        return new FileRecord(path, size, mtimeMillis, sha256, width, height, FileStatus.OK, null);
    }

    /** A file that could not be read or embedded, with the reason. */
    public static FileRecord skipped(String path, long size, long mtimeMillis, String error) {
        return new FileRecord(path, size, mtimeMillis, null, 0, 0, FileStatus.SKIPPED, error);
    }

    /** Whether the file on disk still looks like this record (same size and modification time). */
    public boolean sameStamp(long size, long mtimeMillis) {
        return this.size == size && this.mtimeMillis == mtimeMillis;
    }
}
