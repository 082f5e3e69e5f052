package dev.lookalike.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * Opens the index database with the settings its durability depends on, and turns SQLite's errors into
 * {@link IndexStoreException}s that name the index and the file.
 *
 * <p>WAL with {@code synchronous=FULL}: a commit returns only after its log frames are fsync'ed, so a committed
 * batch survives power loss as well as {@code kill -9}; {@code NORMAL} would survive {@code kill -9} but could
 * lose the last batches on power loss. One fsync per batch costs little next to embedding the batch.
 */
final class Sqlite {

    static final String DATABASE = "index.db";
    private static final int PAGE_SIZE = 16384;
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private Sqlite() {}

    /** Connects to {@code dir/index.db}; a writer gets WAL mode, a reader never writes to the directory. */
    static Connection connect(Path dir, boolean writable) throws IndexStoreException {
        Path file = dir.resolve(DATABASE);
        SQLiteConfig config = new SQLiteConfig();
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setReadOnly(!writable);
        if (writable) {
            config.setPageSize(PAGE_SIZE);
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        }
        try {
            return config.createConnection(url(dir, file, writable));
        } catch (SQLException e) {
            throw error(dir, "cannot open the database", e);
        }
    }

    /**
     * A reader in a directory it cannot write to cannot create WAL's shared-memory file; when no log is pending
     * the database file alone is the whole truth, so it is opened immutable.
     */
    private static String url(Path dir, Path file, boolean writable) throws IndexStoreException {
        if (writable || Files.isWritable(dir)) {
            return "jdbc:sqlite:" + file;
        }
        Path wal = dir.resolve(DATABASE + "-wal");
        try {
            if (Files.exists(wal) && Files.size(wal) > 0) {
                throw new IndexStoreException(
                        dir,
                        "the directory is read-only and " + wal
                                + " holds committed data not yet merged; open the index once with write access");
            }
        } catch (IOException e) {
            throw new IndexStoreException(dir, "cannot read " + wal, e);
        }
        return "jdbc:sqlite:" + file.toUri() + "?immutable=1";
    }

    static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Wraps a SQLite failure in an exception naming the index, the database file, what was being done and why. */
    static IndexStoreException error(Path dir, String action, SQLException e) {
        Path file = dir.resolve(DATABASE);
        return switch (e.getErrorCode() & 0xff) {
            case 11, 26 ->
                new IndexCorruptException(
                        dir,
                        file + " is corrupt or not a lookalike index database (" + action + "): " + e.getMessage(),
                        e);
            case 13 ->
                new IndexStoreException(
                        dir,
                        "no space left to write " + file + " (" + action
                                + "); nothing of this step was committed, the index keeps its committed data",
                        e);
            case 3, 8, 14 ->
                new IndexStoreException(
                        dir, "cannot write or open " + file + " (" + action + "): " + e.getMessage(), e);
            case 5, 6 -> new IndexStoreException(dir, file + " is busy, another process holds it (" + action + ")", e);
            default -> new IndexStoreException(dir, action + " failed on " + file + ": " + e.getMessage(), e);
        };
    }
}
