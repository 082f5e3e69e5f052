package dev.lookalike.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Applies a batch's changes to the files and vectors tables, inside the caller's transaction. */
final class ChangeWriter implements AutoCloseable {

    private final Map<String, Integer> modelIds;
    private final long now;
    private final PreparedStatement find;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final PreparedStatement dropVectors;
    private final PreparedStatement putVector;
    private final PreparedStatement delete;
    private final PreparedStatement restamp;

    ChangeWriter(Connection db, Map<String, Integer> modelIds, long now) throws SQLException {
        this.modelIds = modelIds;
        this.now = now;
        find = db.prepareStatement("SELECT id, sha256 FROM files WHERE path = ?");
        insert = db.prepareStatement("INSERT INTO files(size, mtime, sha256, width, height, status, error, updated_at,"
                + " path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
        update = db.prepareStatement("UPDATE files SET size = ?, mtime = ?, sha256 = ?, width = ?, height = ?,"
                + " status = ?, error = ?, updated_at = ? WHERE id = ?");
        dropVectors = db.prepareStatement("DELETE FROM vectors WHERE file_id = ?");
        putVector = db.prepareStatement("INSERT INTO vectors(model_id, file_id, sha256, vector) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (file_id, model_id) DO UPDATE SET sha256 = excluded.sha256, vector = excluded.vector");
        delete = db.prepareStatement("DELETE FROM files WHERE path = ?");
        restamp = db.prepareStatement("UPDATE files SET size = ?, mtime = ?, updated_at = ?"
                + " WHERE path = ? AND sha256 = ? AND status = 'ok'");
    }

    void apply(WriteBatch.Change change) throws SQLException {
        switch (change) {
            case WriteBatch.Put put -> put(put.record(), put.vectors());
            case WriteBatch.Delete remove -> {
                delete.setString(1, remove.path());
                delete.executeUpdate();
            }
            case WriteBatch.Restamp stamp -> {
                restamp.setLong(1, stamp.size());
                restamp.setLong(2, stamp.mtimeMillis());
                restamp.setLong(3, now);
                restamp.setString(4, stamp.path());
                restamp.setString(5, stamp.sha256());
                restamp.executeUpdate();
            }
        }
    }

    private void put(FileRecord record, Map<String, float[]> vectors) throws SQLException {
        long id = upsert(record);
        for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
            putVector.setInt(1, modelIds.get(entry.getKey()));
            putVector.setLong(2, id);
            putVector.setString(3, record.sha256());
            putVector.setBytes(4, VectorCodec.encode(entry.getValue()));
            putVector.executeUpdate();
        }
    }

    /** Inserts or updates the file's row; drops its vectors when they no longer describe its content. */
    private long upsert(FileRecord record) throws SQLException {
        find.setString(1, record.path());
        try (ResultSet rs = find.executeQuery()) {
            if (rs.next()) {
                long id = rs.getLong(1);
                boolean sameContent =
                        record.status() == FileStatus.OK && Objects.equals(rs.getString(2), record.sha256());
                bind(update, record);
                update.setLong(9, id);
                update.executeUpdate();
                if (!sameContent) {
                    dropVectors.setLong(1, id);
                    dropVectors.executeUpdate();
                }
                return id;
            }
        }
        bind(insert, record);
        insert.setString(9, record.path());
        try (ResultSet rs = insert.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void bind(PreparedStatement statement, FileRecord record) throws SQLException {
        statement.setLong(1, record.size());
        statement.setLong(2, record.mtimeMillis());
        if (record.sha256() == null) {
            statement.setNull(3, Types.VARCHAR);
        } else {
            statement.setString(3, record.sha256());
        }
        statement.setInt(4, record.width());
        statement.setInt(5, record.height());
        statement.setString(6, record.status().sqlName());
        statement.setString(7, record.error());
        statement.setLong(8, now);
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : List.of(find, insert, update, dropVectors, putVector, delete, restamp)) {
            statement.close();
        }
    }
}
