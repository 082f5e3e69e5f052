package dev.lookalike.dedup;

import dev.lookalike.store.FileRecord;

/**
 * One file of a {@link DuplicateGroup}, with the facts a person compares copies by.
 *
 * @param path        the path as stored in the index (relative to its root, {@code /} separators)
 * @param cosine      the cosine with the group's keeper: 1 for the keeper itself and for files with the keeper's
 *                    SHA-256
 * @param width       decoded width in pixels (EXIF orientation applied)
 * @param height      decoded height in pixels
 * @param size        file size in bytes
 * @param mtimeMillis last modified, milliseconds since the epoch
 * @param sha256      the content's SHA-256, lower-case hex
 */
public record GroupMember(
        String path, float cosine, int width, int height, long size, long mtimeMillis, String sha256) {

    /** The member for a file of the index. */
    static GroupMember of(FileRecord file, float cosine) {
        return new GroupMember(
                file.path(), cosine, file.width(), file.height(), file.size(), file.mtimeMillis(), file.sha256());
    }

    /** Width times height. */
    public long pixels() {
        return (long) width * height;
    }
}
