package dev.lookalike.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules a consistent index obeys, checked by {@link IndexStore#verify()}:
 * <ol>
 *   <li>SQLite's own structure check passes and no row points at a missing file or model;</li>
 *   <li>only ok files have vectors, and every ok file has at least one;</li>
 *   <li>every vector was computed from its file's current content (same sha256);</li>
 *   <li>every vector has its model's dimension.</li>
 * </ol>
 */
final class Invariants {

    private static final int SHOWN = 5;

    private Invariants() {}

    /** The broken rules, each with a few of the offending paths; empty when the index is consistent. */
    static List<String> violations(Connection db, Path dir) throws SQLException {
        List<String> problems = new ArrayList<>();
        List<String> structure = rows(db, "PRAGMA quick_check");
        if (!structure.equals(List.of("ok"))) {
            problems.add(dir.resolve(Sqlite.DATABASE) + " fails SQLite's structure check: " + structure);
        }
        check(
                db,
                problems,
                "rows point at missing files or models",
                "SELECT \"table\" || ' row ' || rowid FROM pragma_foreign_key_check");
        check(
                db,
                problems,
                "skipped files have vectors",
                "SELECT f.path FROM files f WHERE f.status = 'skipped'"
                        + " AND EXISTS (SELECT 1 FROM vectors v WHERE v.file_id = f.id)");
        check(
                db,
                problems,
                "ok files have no vectors",
                "SELECT f.path FROM files f WHERE f.status = 'ok'"
                        + " AND NOT EXISTS (SELECT 1 FROM vectors v WHERE v.file_id = f.id)");
        check(
                db,
                problems,
                "vectors describe older content than their file's",
                "SELECT f.path || ' (' || m.name || ')'"
                        + " FROM vectors v JOIN files f ON f.id = v.file_id JOIN models m ON m.id = v.model_id"
                        + " WHERE v.sha256 IS NOT f.sha256");
        check(
                db,
                problems,
                "vectors have the wrong length",
                "SELECT f.path || ' (' || m.name || ')'"
                        + " FROM vectors v JOIN files f ON f.id = v.file_id JOIN models m ON m.id = v.model_id"
                        + " WHERE length(v.vector) <> 4 * m.dimension");
        return problems;
    }

    private static void check(Connection db, List<String> problems, String rule, String offenders) throws SQLException {
        List<String> found = rows(db, offenders + " LIMIT " + (SHOWN + 1));
        if (!found.isEmpty()) {
            problems.add(rule + ": " + String.join(", ", found.subList(0, Math.min(SHOWN, found.size())))
                    + (found.size() > SHOWN ? ", ..." : ""));
        }
    }

    private static List<String> rows(Connection db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
