package dev.lookalike.store;

import dev.lookalike.model.ModelIdentity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The store's queries; each runs inside the caller's read transaction. */
final class StoreReader {

    private static final String FILE_COLUMNS = "path, size, mtime, sha256, width, height, status, error";

    private final Connection db;

    StoreReader(Connection db) {
        this.db = db;
    }

    Map<String, ModelIdentity> models() throws SQLException {
        Map<String, ModelIdentity> models = new LinkedHashMap<>();
        try (PreparedStatement s = db.prepareStatement(
                        "SELECT name, onnx_sha256, output, pooling, dimension FROM models ORDER BY name");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                models.put(
                        rs.getString(1),
                        new ModelIdentity(
                                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
            }
        }
        return models;
    }

    Map<String, Integer> modelIds() throws SQLException {
        Map<String, Integer> ids = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT name, id FROM models");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ids.put(rs.getString(1), rs.getInt(2));
            }
        }
        return ids;
    }

    /** The row id of every embedded (ok) file, by path, in path order. */
    Map<String, Long> okFileIds() throws SQLException {
        Map<String, Long> ids = new LinkedHashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT path, id FROM files WHERE status = 'ok' ORDER BY path");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ids.put(rs.getString(1), rs.getLong(2));
            }
        }
        return ids;
    }

    /** How many vectors {@code model} has; 0 when it is not recorded. */
    long vectorCount(String model) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(
                "SELECT count(*) FROM vectors v JOIN models m ON m.id = v.model_id WHERE m.name = ?")) {
            s.setString(1, model);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Every file in path order, or the one with {@code path} when it is not null. */
    Map<String, StoredFile> files(String path) throws SQLException {
        String where = path == null ? "" : " WHERE path = ?";
        Map<String, FileRecord> records = new LinkedHashMap<>();
        String sql = "SELECT " + FILE_COLUMNS + " FROM files" + where + " ORDER BY path";
        try (PreparedStatement s = db.prepareStatement(sql)) {
            bindOptional(s, path);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    records.put(rs.getString(1), record(rs));
                }
            }
        }
        Map<String, Set<String>> models = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT f.path, m.name FROM vectors v JOIN files f ON f.id ="
                + " v.file_id JOIN models m ON m.id = v.model_id" + where.replace("path", "f.path"))) {
            bindOptional(s, path);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    models.computeIfAbsent(rs.getString(1), p -> new HashSet<>())
                            .add(rs.getString(2));
                }
            }
        }
        Map<String, StoredFile> files = new LinkedHashMap<>();
        records.forEach((p, r) -> files.put(p, new StoredFile(r, models.getOrDefault(p, Set.of()))));
        return files;
    }

    Optional<StoredVectors> vectors(String model) throws SQLException {
        ModelIdentity identity = models().get(model);
        if (identity == null) {
            return Optional.empty();
        }
        int id = modelIds().get(model);
        int count = count("SELECT count(*) FROM vectors WHERE model_id = ?", id);
        int dimension = identity.dimension();
        List<String> paths = new ArrayList<>(count);
        float[] data = new float[Math.multiplyExact(count, dimension)];
        // CROSS JOIN keeps files as the outer loop, read in path order from its unique index: without it SQLite
        // sorts every vector through a temporary B-tree, three times slower.
        try (PreparedStatement s = db.prepareStatement("SELECT f.path, v.vector FROM files f CROSS JOIN vectors v"
                + " ON v.model_id = ? AND v.file_id = f.id ORDER BY f.path")) {
            s.setInt(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    VectorCodec.decode(rs.getBytes(2), data, paths.size() * dimension);
                    paths.add(rs.getString(1));
                }
            }
        }
        return Optional.of(new StoredVectors(identity, paths, data));
    }

    List<IndexSummary.ModelSummary> modelSummaries() throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Instant> added = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT m.name, m.added_at, (SELECT count(*) FROM vectors v"
                        + " WHERE v.model_id = m.id) FROM models m");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                added.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
                counts.put(rs.getString(1), rs.getInt(3));
            }
        }
        List<IndexSummary.ModelSummary> summaries = new ArrayList<>();
        models().forEach((name, identity) ->
                summaries.add(new IndexSummary.ModelSummary(identity, added.get(name), counts.get(name))));
        return summaries;
    }

    List<IndexSummary.SkippedFile> skipped() throws SQLException {
        List<IndexSummary.SkippedFile> skipped = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(
                        "SELECT path, error FROM files WHERE status = 'skipped'" + " ORDER BY path");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                skipped.add(new IndexSummary.SkippedFile(rs.getString(1), rs.getString(2)));
            }
        }
        return skipped;
    }

    int count(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    Map<String, String> meta() throws SQLException {
        Map<String, String> meta = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT key, value FROM meta");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                meta.put(rs.getString(1), rs.getString(2));
            }
        }
        return meta;
    }

    private static FileRecord record(ResultSet rs) throws SQLException {
        return new FileRecord(
                rs.getString(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getInt(5),
                rs.getInt(6),
                FileStatus.fromSql(rs.getString(7)),
                rs.getString(8));
    }

    private static void bindOptional(PreparedStatement s, String path) throws SQLException {
        if (path != null) {
            s.setString(1, path);
        }
    }
}
