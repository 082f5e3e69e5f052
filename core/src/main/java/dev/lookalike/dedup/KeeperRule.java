package dev.lookalike.dedup;

import dev.lookalike.store.FileRecord;
import dev.lookalike.store.PathOrder;
import java.util.Comparator;
import java.util.List;

/**
 * Which file of a group to keep: the one with the most pixels; among those, the largest file; then the oldest
 * (earliest modification time); then the path that sorts first (the index's path order).
 */
public final class KeeperRule {

    /** Best first. */
    public static final Comparator<FileRecord> ORDER = Comparator.comparingLong(
                    (FileRecord f) -> -(long) f.width() * f.height())
            .thenComparingLong(f -> -f.size())
            .thenComparingLong(FileRecord::mtimeMillis)
            .thenComparing(FileRecord::path, PathOrder.UTF8);

    /** The first rule that told the keeper from the runner-up. */
    public enum Reason {
        MOST_PIXELS("most pixels"),
        LARGEST_FILE("largest file (same pixels)"),
        OLDEST("oldest (same pixels and size)"),
        FIRST_PATH("first path (same pixels, size and date)");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** The reason in words, for people. */
        public String text() {
            return text;
        }
    }

    private KeeperRule() {}

    /** The best file of {@code files} by {@link #ORDER}. */
    static FileRecord keeper(List<FileRecord> files) {
        return files.stream().min(ORDER).orElseThrow();
    }

    /** Why {@code keeper} beats {@code runnerUp}, the best of the others. */
    static Reason reason(FileRecord keeper, FileRecord runnerUp) {
        if ((long) keeper.width() * keeper.height() != (long) runnerUp.width() * runnerUp.height()) {
            return Reason.MOST_PIXELS;
        } else if (keeper.size() != runnerUp.size()) {
            return Reason.LARGEST_FILE;
        } else if (keeper.mtimeMillis() != runnerUp.mtimeMillis()) {
            return Reason.OLDEST;
        }
        return Reason.FIRST_PATH;
    }
}
