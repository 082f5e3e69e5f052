package dev.lookalike.solr;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.progress.Progress;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.progress.ProgressUnit;
import dev.lookalike.store.FileRecord;
import dev.lookalike.store.FileStatus;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredFile;
import dev.lookalike.store.StoredVectors;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CursorMarkParams;

/**
 * Pushes a local index to a SolrCloud collection: one document per embedded image (id = its path, so a
 * push replaces what an earlier push wrote), with its metadata and one vector per model, plus a record of
 * each model's identity. Creates the collection and its vector fields when missing; refuses a collection
 * holding other models or dimensions under the same names, or images of another folder. Idempotent: pushing
 * the same index twice leaves the same documents.
 */
public final class SolrPusher {

    private final SolrConnection solr;
    private final ProgressReporter progress;

    public SolrPusher(SolrConnection solr, ProgressReporter progress) {
        this.solr = solr;
        this.progress = progress;
    }

    /**
     * Pushes the index at {@code index} into {@code collection} and commits.
     *
     * @throws SolrBackendException when Solr is unreachable or refuses, or the collection holds other models or
     *                              images of another folder
     */
    public PushReport push(Path index, String collection, PushOptions options) throws IOException {
        long start = System.nanoTime();
        try (IndexStore store = IndexStore.open(index, IndexStore.Access.READ_ONLY)) {
            List<ModelIdentity> models = List.copyOf(store.models().values());
            if (models.isEmpty()) {
                throw new IOException(index + ": the index has no models to push");
            }
            requireDistinctFields(models);
            CollectionAdmin admin = new CollectionAdmin(solr, collection);
            boolean created = admin.createIfMissing(options.shards(), options.replicas());
            String root = store.info().root();
            admin.requireSameRoot(root, index);
            admin.requireSameModels(models);
            admin.ensureVectorFields(models);
            List<FileRecord> files = embedded(store);
            Map<String, Vectors> vectors = new HashMap<>();
            for (ModelIdentity model : models) {
                vectors.put(model.name(), new Vectors(store.vectors(model)));
            }
            List<SolrInputDocument> modelDocs = models.stream()
                    .map(m -> CollectionSchema.modelDocument(m, root))
                    .toList();
            add(collection, modelDocs);
            int pushed = upload(collection, files, vectors, options.batchSize());
            int pruned = options.prune() ? prune(collection, files, options.batchSize()) : 0;
            commit(collection);
            return new PushReport(
                    collection,
                    created,
                    models.stream().map(ModelIdentity::name).sorted().toList(),
                    pushed,
                    pruned,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** Two model names that map to one field name (clip-x and clip_x) cannot share a collection. */
    private static void requireDistinctFields(List<ModelIdentity> models) {
        Map<String, String> byField = new HashMap<>();
        for (ModelIdentity model : models) {
            String other = byField.put(CollectionSchema.vectorField(model.name()), model.name());
            if (other != null) {
                throw new IllegalArgumentException("models '" + other + "' and '" + model.name()
                        + "' would share the Solr field " + CollectionSchema.vectorField(model.name()));
            }
        }
    }

    private static List<FileRecord> embedded(IndexStore store) throws IOException {
        List<FileRecord> files = new ArrayList<>();
        for (StoredFile file : store.files().values()) {
            if (file.record().status() == FileStatus.OK) {
                files.add(file.record());
            }
        }
        return files;
    }

    private int upload(String collection, List<FileRecord> files, Map<String, Vectors> vectors, int batchSize)
            throws SolrBackendException {
        try (Progress bar = progress.start("push to " + collection, files.size(), ProgressUnit.ITEMS)) {
            List<SolrInputDocument> batch = new ArrayList<>(batchSize);
            for (FileRecord file : files) {
                batch.add(document(file, vectors));
                if (batch.size() == batchSize) {
                    add(collection, batch);
                    bar.step(batch.size());
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                add(collection, batch);
                bar.step(batch.size());
            }
        }
        return files.size();
    }

    private static SolrInputDocument document(FileRecord file, Map<String, Vectors> vectors) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField(CollectionSchema.ID, file.path());
        doc.setField(CollectionSchema.DOC_TYPE, CollectionSchema.IMAGE);
        doc.setField(CollectionSchema.PATH, file.path());
        doc.setField(CollectionSchema.SIZE, file.size());
        doc.setField(CollectionSchema.MTIME, file.mtimeMillis());
        doc.setField(CollectionSchema.SHA256, file.sha256());
        doc.setField(CollectionSchema.WIDTH, file.width());
        doc.setField(CollectionSchema.HEIGHT, file.height());
        vectors.forEach((model, stored) -> {
            List<Float> vector = stored.of(file.path());
            if (vector != null) {
                doc.setField(CollectionSchema.vectorField(model), vector);
            }
        });
        return doc;
    }

    private void add(String collection, List<SolrInputDocument> docs) throws SolrBackendException {
        try {
            solr.client().add(collection, docs);
        } catch (SolrServerException | IOException | SolrException e) {
            throw solr.failure(collection, "cannot add documents", e);
        }
    }

    /** Deletes the collection's images that are not in {@code files}; returns how many. */
    private int prune(String collection, List<FileRecord> files, int batchSize) throws SolrBackendException {
        Set<String> present = new HashSet<>();
        files.forEach(f -> present.add(f.path()));
        List<String> gone = new ArrayList<>();
        SolrQuery query = new SolrQuery(CollectionSchema.DOC_TYPE + ":" + CollectionSchema.IMAGE);
        query.setFields(CollectionSchema.ID);
        query.setRows(10_000);
        query.setSort(CollectionSchema.ID, SolrQuery.ORDER.asc);
        String cursor = CursorMarkParams.CURSOR_MARK_START;
        try {
            // Uncommitted documents are invisible here, so what this push just wrote is committed first.
            solr.client().commit(collection);
            while (true) {
                query.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
                QueryResponse response = solr.client().query(collection, query);
                for (SolrDocument doc : response.getResults()) {
                    String id = (String) doc.getFirstValue(CollectionSchema.ID);
                    if (!present.contains(id)) {
                        gone.add(id);
                    }
                }
                if (cursor.equals(response.getNextCursorMark())) {
                    break;
                }
                cursor = response.getNextCursorMark();
            }
            for (int from = 0; from < gone.size(); from += batchSize) {
                solr.client().deleteById(collection, gone.subList(from, Math.min(gone.size(), from + batchSize)));
            }
        } catch (SolrServerException | IOException | SolrException e) {
            throw solr.failure(collection, "cannot prune", e);
        }
        return gone.size();
    }

    private void commit(String collection) throws SolrBackendException {
        try {
            solr.client().commit(collection, true, true);
        } catch (SolrServerException | IOException | SolrException e) {
            throw solr.failure(collection, "cannot commit", e);
        }
    }

    /** One model's vectors, looked up by path. */
    private static final class Vectors {
        private final StoredVectors stored;
        private final Map<String, Integer> rows = new HashMap<>();

        Vectors(StoredVectors stored) {
            this.stored = stored;
            for (int i = 0; i < stored.count(); i++) {
                rows.put(stored.paths().get(i), i);
            }
        }

        List<Float> of(String path) {
            Integer row = rows.get(path);
            if (row == null) {
                return null;
            }
            int dimension = stored.dimension();
            List<Float> vector = new ArrayList<>(dimension);
            for (int i = row * dimension; i < (row + 1) * dimension; i++) {
                vector.add(stored.data()[i]);
            }
            return vector;
        }
    }
}
