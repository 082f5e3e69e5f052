package dev.lookalike.store;

import dev.lookalike.image.DecodeMode;
import dev.lookalike.model.ModelIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The durable index at {@code --index PATH}: a directory holding {@code index.db} (SQLite in WAL mode: models,
 * files, vectors) and {@code writer.lock}. Changes are written in {@link WriteBatch}es, each one transaction, so a
 * crash at any moment loses at most the uncommitted batch. One writer at a time (an OS file lock); any number of
 * readers, each seeing committed data only. Methods are thread-safe (serialised on this store).
 */
public final class IndexStore implements AutoCloseable {

    /** The meta key under which a model's decode mode is recorded, followed by the model's name. */
    private static final String DECODE_KEY = "decode_mode:";

    /** How an index is opened. */
    public enum Access {
        READ_ONLY,
        READ_WRITE
    }

    private final Path dir;
    private final Access access;
    private final Connection db;
    private final WriterLock lock;
    private final StoreReader reader;
    private Map<String, Integer> modelIds;
    private Map<String, ModelIdentity> registered;

    private IndexStore(Path dir, Access access, Connection db, WriterLock lock) throws SQLException {
        this.dir = dir;
        this.access = access;
        this.db = db;
        this.lock = lock;
        this.reader = new StoreReader(db);
        refreshModels();
    }

    private void refreshModels() throws SQLException {
        modelIds = reader.modelIds();
        registered = reader.models();
    }

    /**
     * Opens an existing index.
     *
     * @throws IndexStoreException   when {@code dir} is not a lookalike index or cannot be opened as asked
     * @throws IndexLockedException  for {@link Access#READ_WRITE} while another writer holds the index
     * @throws IndexCorruptException when the database file is damaged
     */
    public static IndexStore open(Path dir, Access access) throws IOException {
        if (!Files.isRegularFile(dir.resolve(Sqlite.DATABASE))) {
            throw new IndexStoreException(
                    dir,
                    Files.exists(dir) ? "not a lookalike index (no " + Sqlite.DATABASE + " in it)" : "no such index");
        }
        return connect(dir, access, null, null);
    }

    /**
     * Creates a new index in {@code dir}, which must not exist or be an empty directory.
     *
     * @param root        the indexed folder, recorded for {@code index info}
     * @param toolVersion the lookalike version, recorded for {@code index info}
     */
    public static IndexStore create(Path dir, String root, String toolVersion) throws IOException {
        prepareEmptyDirectory(dir);
        return connect(dir, Access.READ_WRITE, root, toolVersion);
    }

    /** Opens the index in {@code dir} for writing, creating it (see {@link #create}) when there is none. */
    public static IndexStore openOrCreate(Path dir, String root, String toolVersion) throws IOException {
        if (Files.isRegularFile(dir.resolve(Sqlite.DATABASE))) {
            return connect(dir, Access.READ_WRITE, root, toolVersion);
        }
        return create(dir, root, toolVersion);
    }

    private static void prepareEmptyDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            // A lone lock file is what a create killed before its database existed leaves behind.
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.anyMatch(entry -> !entry.getFileName().toString().equals(WriterLock.FILE))) {
                    throw new IndexStoreException(
                            dir,
                            Files.exists(dir.resolve(Sqlite.DATABASE))
                                    ? "an index already exists there"
                                    : "the directory exists, is not empty and is not a"
                                            + " lookalike index; choose a new or empty directory");
                }
            }
        } else if (Files.exists(dir)) {
            throw new IndexStoreException(dir, "exists and is not a directory");
        } else {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new IndexStoreException(dir, "cannot create the directory (" + e + ")", e);
            }
        }
    }

    /** Connects; a writer given a root also initialises an empty database (new, or its creation was interrupted). */
    private static IndexStore connect(Path dir, Access access, String root, String toolVersion) throws IOException {
        boolean writable = access == Access.READ_WRITE;
        WriterLock lock = writable ? WriterLock.acquire(dir) : null;
        Connection db = null;
        try {
            db = Sqlite.connect(dir, writable);
            if (root != null && Schema.isEmpty(db)) {
                Schema.create(db, root, toolVersion, System.currentTimeMillis());
            }
            Schema.check(db, dir);
            return new IndexStore(dir, access, db, lock);
        } catch (SQLException e) {
            throw closeAfter(Sqlite.error(dir, "opening the index", e), db, lock);
        } catch (IOException e) {
            throw closeAfter(e, db, lock);
        } catch (RuntimeException e) {
            throw closeAfter(e, db, lock);
        }
    }

    private static <E extends Exception> E closeAfter(E failure, Connection db, WriterLock lock) {
        try (lock) {
            if (db != null) {
                db.close();
            }
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    /** The index directory. */
    public Path dir() {
        return dir;
    }

    /** Whether this store may write. */
    public Access access() {
        return access;
    }

    /**
     * Records a model, or checks that it is the one already recorded under its name.
     *
     * @throws ModelMismatchException when the index has a different model under the same name
     */
    public synchronized void registerModel(ModelIdentity model) throws IOException {
        requireWritable();
        try (Transaction tx = Transaction.write(db)) {
            Optional<ModelIdentity> recorded =
                    Optional.ofNullable(reader.models().get(model.name()));
            if (recorded.isPresent()) {
                requireSame(recorded.get(), model);
                return;
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO models(name, onnx_sha256, output,"
                    + " pooling, dimension, added_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, model.name());
                insert.setString(2, model.definitionSha256());
                insert.setString(3, model.output());
                insert.setString(4, model.pooling());
                insert.setInt(5, model.dimension());
                insert.setLong(6, System.currentTimeMillis());
                insert.executeUpdate();
            }
            tx.commit();
            refreshModels();
        } catch (SQLException e) {
            throw Sqlite.error(dir, "registering model " + model.name(), e);
        }
    }

    /**
     * Records the decode mode of {@code model}'s vectors, or checks that it is the one recorded.
     * A model whose vectors were stored before modes were recorded has {@link DecodeMode#EXACT}.
     *
     * @throws DecodeModeMismatchException when the index's vectors of the model were decoded otherwise
     */
    public synchronized void registerDecodeMode(String model, DecodeMode mode) throws IOException {
        requireWritable();
        try (Transaction tx = Transaction.write(db)) {
            String recorded = reader.meta().get(DECODE_KEY + model);
            if (recorded == null && reader.vectorCount(model) > 0) {
                recorded = DecodeMode.EXACT.label();
            }
            if (recorded != null || mode == DecodeMode.EXACT) {
                requireDecodeMode(model, recorded == null ? DecodeMode.EXACT : DecodeMode.fromLabel(recorded), mode);
                return; // exact is what an absent record means
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO meta(key, value) VALUES (?, ?)")) {
                insert.setString(1, DECODE_KEY + model);
                insert.setString(2, mode.label());
                insert.executeUpdate();
            }
            tx.commit();
        } catch (SQLException e) {
            throw Sqlite.error(dir, "recording the decode mode of " + model, e);
        }
    }

    /** How the images of {@code model}'s vectors were decoded ({@link DecodeMode#EXACT} unless recorded otherwise). */
    public synchronized DecodeMode decodeMode(String model) throws IOException {
        String recorded = read("reading the decode modes", reader::meta).get(DECODE_KEY + model);
        return recorded == null ? DecodeMode.EXACT : DecodeMode.fromLabel(recorded);
    }

    /**
     * Checks that images decoded in {@code mode} may be compared with {@code model}'s vectors, before searching.
     *
     * @throws DecodeModeMismatchException when those vectors come from images decoded otherwise
     */
    public void requireDecodeMode(String model, DecodeMode mode) throws IOException {
        requireDecodeMode(model, decodeMode(model), mode);
    }

    private void requireDecodeMode(String model, DecodeMode recorded, DecodeMode given)
            throws DecodeModeMismatchException {
        if (recorded != given) {
            throw new DecodeModeMismatchException(dir, model, recorded, given);
        }
    }

    /**
     * Checks that {@code model} is the one the index recorded under its name, before searching with it.
     *
     * @throws ModelMismatchException when it differs
     * @throws IndexStoreException    when the index has no such model
     */
    public void requireModel(ModelIdentity model) throws IOException {
        ModelIdentity recorded = models().get(model.name());
        if (recorded == null) {
            throw new IndexStoreException(
                    dir, "has no model '" + model.name() + "' (it has " + models().keySet() + ")");
        }
        requireSame(recorded, model);
    }

    private void requireSame(ModelIdentity recorded, ModelIdentity given) throws ModelMismatchException {
        Optional<ModelIdentity.Difference> difference = recorded.firstDifference(given);
        if (difference.isPresent()) {
            ModelIdentity.Difference d = difference.get();
            throw new ModelMismatchException(dir, given.name(), d.field(), d.mine(), d.theirs());
        }
    }

    /** The recorded models by name, in name order. */
    public synchronized Map<String, ModelIdentity> models() throws IOException {
        return read("reading the models", reader::models);
    }

    /** Starts a batch of changes; nothing is written until its {@link WriteBatch#commit()}. */
    public WriteBatch beginBatch() throws IndexStoreException {
        requireWritable();
        return new WriteBatch(this);
    }

    synchronized int registeredDimension(String model) {
        ModelIdentity identity = registered.get(model);
        if (identity == null) {
            throw new IllegalArgumentException("model '" + model + "' is not registered in index " + dir
                    + " (registered: " + modelIds.keySet() + ")");
        }
        return identity.dimension();
    }

    synchronized void apply(List<WriteBatch.Change> changes) throws IOException {
        try (Transaction tx = Transaction.write(db);
                ChangeWriter writer = new ChangeWriter(db, modelIds, System.currentTimeMillis())) {
            for (WriteBatch.Change change : changes) {
                writer.apply(change);
            }
            tx.commit();
        } catch (SQLException e) {
            throw Sqlite.error(dir, "committing a batch of " + changes.size() + " changes", e);
        }
    }

    /** The file recorded at {@code path} (relative to the indexed root), with the models it has vectors for. */
    public synchronized Optional<StoredFile> file(String path) throws IOException {
        return read(
                "reading file " + path,
                () -> reader.files(path).values().stream().findFirst());
    }

    /** Every recorded file by path, in path order: what a resumed run compares the folder against. */
    public synchronized Map<String, StoredFile> files() throws IOException {
        return read("reading the files", () -> reader.files(null));
    }

    /**
     * The id of every embedded file, by path (relative to the indexed root), in path order. An id stays the
     * file's for as long as the file is in the index, so a server can address images by it.
     */
    public synchronized Map<String, Long> fileIds() throws IOException {
        return read("reading the file ids", reader::okFileIds);
    }

    /**
     * Removes every file not in {@code presentPaths}, with its vectors, in one transaction.
     *
     * @return the removed paths, in path order
     */
    public synchronized List<String> prune(Set<String> presentPaths) throws IOException {
        requireWritable();
        List<String> gone = new ArrayList<>();
        try (Transaction tx = Transaction.write(db)) {
            try (PreparedStatement s = db.prepareStatement("SELECT path FROM files ORDER BY path");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (!presentPaths.contains(rs.getString(1))) {
                        gone.add(rs.getString(1));
                    }
                }
            }
            try (ChangeWriter writer = new ChangeWriter(db, modelIds, System.currentTimeMillis())) {
                for (String path : gone) {
                    writer.apply(new WriteBatch.Delete(path));
                }
            }
            tx.commit();
        } catch (SQLException e) {
            throw Sqlite.error(dir, "pruning " + gone.size() + " files", e);
        }
        return gone;
    }

    /**
     * Loads every vector of a model, ordinals in path order.
     *
     * @throws IndexStoreException when the index has no such model
     */
    public synchronized StoredVectors vectors(String model) throws IOException {
        Optional<StoredVectors> vectors = read("loading the vectors of " + model, () -> reader.vectors(model));
        if (vectors.isEmpty()) {
            throw new IndexStoreException(dir, "has no model '" + model + "' (it has " + models().keySet() + ")");
        }
        return vectors.get();
    }

    /** Loads the vectors of {@code model} after checking that it is the model the index was built with. */
    public synchronized StoredVectors vectors(ModelIdentity model) throws IOException {
        requireModel(model);
        return vectors(model.name());
    }

    /**
     * Records that {@code paths} are not duplicates of one another (a person's decision), in one transaction. A
     * duplicate group whose files all lie in one such decision is not shown again; one with another file is.
     * Decisions name files by path, as stored, so they outlive re-indexing. Upgrades a version-1 index.
     *
     * @param paths two or more paths; they need not be indexed (a decision may outlive a file)
     */
    public synchronized void recordNotDuplicates(Collection<String> paths) throws IOException {
        requireWritable();
        Set<String> distinct = new LinkedHashSet<>(paths);
        if (distinct.size() < 2) {
            throw new IllegalArgumentException(
                    "a \"not duplicates\" decision needs two or more files, got " + distinct);
        }
        try (Transaction tx = Transaction.write(db)) {
            NotDuplicatesTable.insert(db, distinct, System.currentTimeMillis());
            tx.commit();
        } catch (SQLException e) {
            throw Sqlite.error(dir, "recording a \"not duplicates\" decision", e);
        }
    }

    /** The "not duplicates" decisions, oldest first, each the set of paths it names. */
    public synchronized List<Set<String>> notDuplicates() throws IOException {
        return read("reading the \"not duplicates\" decisions", () -> NotDuplicatesTable.read(db));
    }

    /** Forgets every "not duplicates" decision; returns how many there were. */
    public synchronized int clearNotDuplicates() throws IOException {
        requireWritable();
        try (Transaction tx = Transaction.write(db)) {
            int cleared = NotDuplicatesTable.clear(db);
            tx.commit();
            return cleared;
        } catch (SQLException e) {
            throw Sqlite.error(dir, "clearing the \"not duplicates\" decisions", e);
        }
    }

    /** What {@code index info} shows. */
    public synchronized IndexSummary info() throws IOException {
        return read("reading the summary", () -> {
            Map<String, String> meta = reader.meta();
            return new IndexSummary(
                    dir,
                    meta.get("root"),
                    Instant.ofEpochMilli(Long.parseLong(meta.get("created"))),
                    meta.get("tool_version"),
                    reader.modelSummaries(),
                    reader.count("SELECT count(*) FROM files WHERE status = 'ok'"),
                    reader.count("SELECT count(*) FROM files WHERE status = 'skipped'"),
                    reader.skipped(),
                    bytesOnDisk());
        });
    }

    private long bytesOnDisk() throws SQLException {
        try (Stream<Path> files = Files.list(dir)) {
            long total = 0;
            for (Path file : (Iterable<Path>) files::iterator) {
                total += Files.isRegularFile(file) ? Files.size(file) : 0;
            }
            return total;
        } catch (IOException e) {
            throw new SQLException("cannot list " + dir + ": " + e, e);
        }
    }

    /**
     * Checks the index's structure and invariants (see {@link Invariants}); reads every page, so it takes a while on
     * a large index.
     *
     * @throws IndexCorruptException naming each broken rule with a few offending paths
     */
    public synchronized void verify() throws IOException {
        List<String> problems = read("verifying", () -> Invariants.violations(db, dir));
        if (!problems.isEmpty()) {
            throw new IndexCorruptException(dir, "inconsistent: " + String.join("; ", problems));
        }
    }

    /** Simulates a full disk in tests: the database may not grow past {@code pages} pages. */
    synchronized void limitPages(long pages) throws SQLException {
        Sqlite.execute(db, "PRAGMA max_page_count = " + pages);
    }

    @Override
    public synchronized void close() throws IOException {
        try (lock) {
            db.close();
        } catch (SQLException e) {
            throw Sqlite.error(dir, "closing", e);
        }
    }

    private void requireWritable() throws IndexStoreException {
        if (access != Access.READ_WRITE) {
            throw new IndexStoreException(dir, "is open read-only; it cannot be written");
        }
    }

    private interface Query<T> {
        T run() throws SQLException;
    }

    /** Runs {@code query} on one committed snapshot. */
    private <T> T read(String action, Query<T> query) throws IndexStoreException {
        try (Transaction tx = Transaction.read(db)) {
            T result = query.run();
            tx.commit();
            return result;
        } catch (SQLException e) {
            throw Sqlite.error(dir, action, e);
        }
    }
}
