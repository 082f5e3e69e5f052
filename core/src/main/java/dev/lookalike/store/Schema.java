package dev.lookalike.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The database layout, version 2. The file header carries {@code application_id} (identifies a lookalike index)
 * and {@code user_version} (the schema version), checked at every open.
 *
 * <pre>
 * meta(key, value)                       root, created (epoch ms), tool_version; decode_mode:MODEL
 *                                        exact|fast (absent: exact)
 * models(id, name UNIQUE, onnx_sha256, output, pooling, dimension, added_at)
 * files(id, path UNIQUE, size, mtime, sha256, width, height, status 'ok'|'skipped', error, updated_at)
 * vectors(model_id, file_id, sha256, vector)   PRIMARY KEY (file_id, model_id)
 *     vector: dimension little-endian float32; sha256: the file content the vector was computed from
 * not_duplicates(id, decided_at)                      since version 2: a set of files marked "not duplicates"
 * not_duplicate_files(decision_id, path)              its files by path (decisions name files, not ids)
 * </pre>
 *
 * <p>Version 1 is version 2 without the two decision tables. It is still read (it has no decisions); the first
 * decision written upgrades it in the same transaction ({@link #upgrade}), so a crash leaves either version.
 */
final class Schema {

    /** "LKIX" in ASCII. */
    static final int APPLICATION_ID = 0x4C4B4958;

    static final int VERSION = 2;
    /** The oldest version this code reads and upgrades. */
    static final int OLDEST_READABLE = 1;

    private static final List<String> DECISION_TABLES =
            List.of("CREATE TABLE not_duplicates(id INTEGER PRIMARY KEY, decided_at INTEGER NOT NULL)", """
            CREATE TABLE not_duplicate_files(decision_id INTEGER NOT NULL REFERENCES not_duplicates(id)
                ON DELETE CASCADE, path TEXT NOT NULL, PRIMARY KEY (decision_id, path)) WITHOUT ROWID""");

    private static final List<String> TABLES =
            List.of("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID", """
            CREATE TABLE models(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, onnx_sha256 TEXT NOT NULL,
                output TEXT NOT NULL, pooling TEXT NOT NULL, dimension INTEGER NOT NULL CHECK (dimension > 0),
                added_at INTEGER NOT NULL)""", """
            CREATE TABLE files(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, size INTEGER NOT NULL,
                mtime INTEGER NOT NULL, sha256 TEXT, width INTEGER NOT NULL, height INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('ok', 'skipped')), error TEXT, updated_at INTEGER NOT NULL,
                CHECK ((status = 'ok' AND sha256 IS NOT NULL AND error IS NULL)
                    OR (status = 'skipped' AND error IS NOT NULL)))""", """
            CREATE TABLE vectors(model_id INTEGER NOT NULL REFERENCES models(id),
                file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                sha256 TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (file_id, model_id))""");

    private Schema() {}

    /** Whether the database has no tables yet: new, or its creation was interrupted before committing. */
    static boolean isEmpty(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_schema")) {
            return rs.next() && rs.getInt(1) == 0;
        }
    }

    /** Creates the tables and the index-level metadata in one transaction. */
    static void create(Connection db, String root, String toolVersion, long now) throws SQLException {
        try (Transaction tx = Transaction.write(db)) {
            for (String ddl : TABLES) {
                Sqlite.execute(db, ddl);
            }
            for (String ddl : DECISION_TABLES) {
                Sqlite.execute(db, ddl);
            }
            Sqlite.execute(db, "PRAGMA application_id = " + APPLICATION_ID);
            Sqlite.execute(db, "PRAGMA user_version = " + VERSION);
            try (var insert = db.prepareStatement("INSERT INTO meta(key, value) VALUES (?, ?)")) {
                for (String[] entry :
                        new String[][] {{"root", root}, {"created", Long.toString(now)}, {"tool_version", toolVersion}
                        }) {
                    insert.setString(1, entry[0]);
                    insert.setString(2, entry[1]);
                    insert.executeUpdate();
                }
            }
            tx.commit();
        }
    }

    /** Refuses a database that is not a lookalike index, or one of another schema version. */
    static void check(Connection db, Path dir) throws SQLException, IndexStoreException {
        int applicationId = pragma(db, "application_id");
        if (applicationId != APPLICATION_ID) {
            throw new IndexStoreException(
                    dir,
                    dir.resolve(Sqlite.DATABASE) + " is an SQLite database but not a lookalike index (application_id "
                            + applicationId + ")");
        }
        int version = pragma(db, "user_version");
        if (version < OLDEST_READABLE || version > VERSION) {
            throw new IndexStoreException(
                    dir,
                    "schema version " + version + " is not supported (this lookalike reads" + " versions "
                            + OLDEST_READABLE + " to " + VERSION + "); re-create the index with this version");
        }
    }

    /** The schema version of an open database. */
    static int version(Connection db) throws SQLException {
        return pragma(db, "user_version");
    }

    /**
     * Brings a version-1 database to the current version inside the caller's write transaction: adds the decision
     * tables and sets {@code user_version}, both committed (or rolled back) with the caller's change.
     */
    static void upgrade(Connection db) throws SQLException {
        if (version(db) == 1) {
            for (String ddl : DECISION_TABLES) {
                Sqlite.execute(db, ddl);
            }
            Sqlite.execute(db, "PRAGMA user_version = " + VERSION);
        }
    }

    private static int pragma(Connection db, String name) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
