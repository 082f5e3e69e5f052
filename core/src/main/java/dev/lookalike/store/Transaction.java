package dev.lookalike.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * An explicit SQLite transaction on an auto-commit connection; closing it without {@link #commit()} rolls back.
 * Writes begin IMMEDIATE so that the write lock is taken up front rather than on a later upgrade.
 */
final class Transaction implements AutoCloseable {

    private static final int SQLITE_ERROR = 1;

    private final Connection db;
    private boolean open = true;

    private Transaction(Connection db, String begin) throws SQLException {
        this.db = db;
        Sqlite.execute(db, begin);
    }

    static Transaction write(Connection db) throws SQLException {
        return new Transaction(db, "BEGIN IMMEDIATE");
    }

    /** A read transaction: every query in it sees the same committed snapshot. */
    static Transaction read(Connection db) throws SQLException {
        return new Transaction(db, "BEGIN DEFERRED");
    }

    void commit() throws SQLException {
        Sqlite.execute(db, "COMMIT");
        open = false;
    }

    @Override
    public void close() throws SQLException {
        if (!open) {
            return;
        }
        open = false;
        try {
            Sqlite.execute(db, "ROLLBACK");
        } catch (SQLException e) {
            // SQLite may already have rolled back on its own (after SQLITE_FULL, for one): "no transaction is active".
            if ((e.getErrorCode() & 0xff) != SQLITE_ERROR) {
                throw e;
            }
        }
    }
}
