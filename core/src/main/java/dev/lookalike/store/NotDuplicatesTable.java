package dev.lookalike.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The queries of the "not duplicates" decisions (schema version 2); each runs in the caller's transaction. */
final class NotDuplicatesTable {

    private NotDuplicatesTable() {}

    /** Every decision, oldest first, each its paths in path order; none in a version-1 database. */
    static List<Set<String>> read(Connection db) throws SQLException {
        if (Schema.version(db) < 2) {
            return List.of();
        }
        Map<Long, Set<String>> decisions = new LinkedHashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT d.id, f.path FROM not_duplicates d"
                        + " JOIN not_duplicate_files f ON f.decision_id = d.id ORDER BY d.id, f.path");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                decisions
                        .computeIfAbsent(rs.getLong(1), id -> new TreeSet<>(PathOrder.UTF8))
                        .add(rs.getString(2));
            }
        }
        return decisions.values().stream().map(Set::copyOf).toList();
    }

    /** Adds one decision naming {@code paths}, upgrading a version-1 database first. */
    static void insert(Connection db, Collection<String> paths, long now) throws SQLException {
        Schema.upgrade(db);
        long id;
        try (PreparedStatement s = db.prepareStatement(
                "INSERT INTO not_duplicates(decided_at) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
            s.setLong(1, now);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement s =
                db.prepareStatement("INSERT OR IGNORE INTO not_duplicate_files(decision_id, path) VALUES (?, ?)")) {
            for (String path : paths) {
                s.setLong(1, id);
                s.setString(2, path);
                s.executeUpdate();
            }
        }
    }

    /** Removes every decision; returns how many there were. */
    static int clear(Connection db) throws SQLException {
        if (Schema.version(db) < 2) {
            return 0;
        }
        Sqlite.execute(db, "DELETE FROM not_duplicate_files");
        try (Statement s = db.createStatement()) {
            return s.executeUpdate("DELETE FROM not_duplicates");
        }
    }
}
