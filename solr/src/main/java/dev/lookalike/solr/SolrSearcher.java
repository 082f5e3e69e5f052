package dev.lookalike.solr;

import dev.lookalike.knn.FlatIndex;
import dev.lookalike.knn.Neighbor;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.search.IndexedImages;
import dev.lookalike.search.SearchHit;
import dev.lookalike.search.VectorSearcher;
import dev.lookalike.store.PathOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.CursorMarkParams;

/**
 * Searches a SolrCloud collection that {@link SolrPusher} filled, with the answers of the local exact search
 * ({@link dev.lookalike.search.IndexSearcher}) whenever the true top k are among Solr's candidates.
 *
 * <p>Solr's {@code {!knn}} query is approximate (HNSW) and its {@code topK} applies per shard, so each search
 * asks every shard for {@code k x oversample} candidates, takes them all with their stored vectors, and
 * re-ranks them exactly as the local index does: cosine of the normalised vectors, equal scores ranked by
 * path, {@code distance} the squared L2 distance of the normalised vectors. A larger over-sampling factor
 * costs latency and buys recall.
 *
 * <p>Thread-safe. Closing it closes its connection.
 */
public final class SolrSearcher implements VectorSearcher {

    /** Candidates per shard for each result wanted, unless told otherwise. */
    public static final int DEFAULT_OVERSAMPLE = 4;

    /** Paths per request when listing the images. */
    private static final int PATH_PAGE = 10_000;

    private final SolrConnection solr;
    private final String collection;
    private final int oversample;
    private final int shards;
    private final CollectionAdmin admin;
    private final Map<String, ModelIdentity> checked = new ConcurrentHashMap<>();

    /**
     * Searches {@code collection} over {@code solr}, which this searcher then owns.
     *
     * @param oversample candidates per shard for each result wanted, at least 1
     * @throws SolrBackendException when the collection does not exist
     */
    public SolrSearcher(SolrConnection solr, String collection, int oversample) throws SolrBackendException {
        if (oversample < 1) {
            throw new IllegalArgumentException("the over-sampling factor must be at least 1, got " + oversample);
        }
        this.solr = solr;
        this.collection = collection;
        this.oversample = oversample;
        this.shards = solr.collection(collection).getSlices().size();
        this.admin = new CollectionAdmin(solr, collection);
    }

    /**
     * Connects to the cluster at {@code address} (Solr URLs or a ZooKeeper address) and searches
     * {@code collection} there.
     */
    public static SolrSearcher connect(String address, String collection, int oversample) throws SolrBackendException {
        SolrConnection solr = SolrConnection.open(address);
        try {
            return new SolrSearcher(solr, collection, oversample);
        } catch (SolrBackendException | RuntimeException e) {
            try {
                solr.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The models the collection holds, by name in name order. */
    @Override
    public Map<String, ModelIdentity> models() throws SolrBackendException {
        return admin.models();
    }

    /** The folder the pushed index was built from, as the index recorded it; null when nothing was pushed. */
    @Override
    public String root() throws SolrBackendException {
        return admin.root();
    }

    /** The collection searched. */
    public String collection() {
        return collection;
    }

    /**
     * Fails unless the collection holds vectors of every one of {@code models}, from the same model files: the
     * check a search makes, made up front.
     *
     * @throws SolrBackendException naming the first model missing or different
     */
    public void requireModels(Collection<ModelIdentity> models) throws SolrBackendException {
        for (ModelIdentity model : models) {
            requireModel(model);
        }
    }

    /**
     * The paths of every image in the collection, read in pages with a cursor (so that millions of them
     * neither time out nor load Solr's memory), in the order Solr sorts ids: the paths' UTF-8 bytes.
     */
    public List<String> imagePaths() throws SolrBackendException {
        return imagePaths(PATH_PAGE);
    }

    /** {@link #imagePaths()}, {@code pageSize} paths per request. */
    List<String> imagePaths(int pageSize) throws SolrBackendException {
        SolrQuery query = new SolrQuery(CollectionSchema.DOC_TYPE + ":" + CollectionSchema.IMAGE);
        query.setFields(CollectionSchema.PATH);
        query.setRows(pageSize);
        // A cursor needs a sort on the unique key; an image's id is its path.
        query.setSort(CollectionSchema.ID, SolrQuery.ORDER.asc);
        List<String> paths = new ArrayList<>();
        String cursor = CursorMarkParams.CURSOR_MARK_START;
        try {
            while (true) {
                query.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
                QueryResponse response = solr.client().query(collection, query);
                for (SolrDocument doc : response.getResults()) {
                    paths.add((String) doc.getFirstValue(CollectionSchema.PATH));
                }
                if (cursor.equals(response.getNextCursorMark())) {
                    return paths;
                }
                cursor = response.getNextCursorMark();
            }
        } catch (SolrServerException | IOException | SolrException e) {
            throw solr.failure(collection, "cannot list the images", e);
        }
    }

    /**
     * Checks everything a server's request would need: the collection holds every model's vectors (same model
     * files); it records its indexed folder and that folder is on this machine (see {@link #images()}).
     *
     * @throws SolrBackendException when Solr fails or a model differs
     * @throws IOException          when the collection holds nothing or its folder is not here
     */
    @Override
    public void prepare(List<ModelIdentity> models) throws IOException {
        requireModels(models);
        imageRoot();
    }

    /**
     * The collection's images under the folder the pushed index was built from, which must be reachable at
     * the same path here; numbered 1 to n in path order, since the collection holds no ids of its own.
     */
    @Override
    public IndexedImages images() throws IOException {
        return IndexedImages.inPathOrder(imageRoot(), imagePaths());
    }

    /** The collection's models and image count, in the keys of a local index's summary, with its shards. */
    @Override
    public Map<String, Object> summary() throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("backend", "solr");
        doc.put("collection", collection);
        doc.put("shards", shards);
        doc.put("root", imageRoot().toString());
        doc.put("files", imagePaths().size());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ModelIdentity model : models().values()) {
            rows.add(model.toJson());
        }
        doc.put("models", rows);
        return doc;
    }

    private Path imageRoot() throws IOException {
        String recorded = root();
        if (recorded == null) {
            throw new IOException("Solr collection '" + collection + "' holds no pushed index");
        }
        Path root = Path.of(recorded);
        if (!Files.isDirectory(root)) {
            throw new IOException(
                    "Solr collection '" + collection + "': its images are in " + recorded
                            + ", which is not a folder on this machine (serve needs the images at the path they were indexed at)");
        }
        return root;
    }

    /** The collection's shard count. */
    public int shards() {
        return shards;
    }

    @Override
    public List<SearchHit> search(ModelIdentity model, float[] query, int k) throws IOException {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        requireModel(model);
        List<Candidate> candidates = candidates(model, query, Math.multiplyExact(k, oversample));
        return rerank(model.dimension(), query, candidates, k);
    }

    /**
     * Solr's own answer before re-ranking: the candidates of {@code {!knn topK=topK}} from every shard, best
     * first by Solr's score. For measuring the recall of the approximate search.
     */
    public List<Candidate> candidates(ModelIdentity model, float[] query, int topK) throws IOException {
        if (query.length != model.dimension()) {
            throw new IllegalArgumentException("model " + model.name() + " has " + model.dimension()
                    + "-d vectors, the query has " + query.length);
        }
        String field = CollectionSchema.vectorField(model.name());
        SolrQuery request = new SolrQuery("{!knn f=" + field + " topK=" + topK + "}" + vectorText(query));
        request.setRows(Math.multiplyExact(topK, shards));
        request.setFields(CollectionSchema.PATH, field);
        // Each shard returns its candidates' vectors with their scores: one round trip instead of two.
        request.set("distrib.singlePass", true);
        List<SolrDocument> docs;
        try {
            // POST: a 768-d query vector is too long for a URL.
            docs = solr.client()
                    .query(collection, request, SolrRequest.METHOD.POST)
                    .getResults();
        } catch (SolrServerException | IOException | SolrException e) {
            throw solr.failure(collection, "kNN search on " + field + " failed", e);
        }
        List<Candidate> candidates = new ArrayList<>(docs.size());
        for (SolrDocument doc : docs) {
            String path = (String) doc.getFirstValue(CollectionSchema.PATH);
            candidates.add(new Candidate(path, floats(doc.getFieldValues(field), model.dimension(), path)));
        }
        return candidates;
    }

    private void requireModel(ModelIdentity model) throws SolrBackendException {
        if (model.equals(checked.get(model.name()))) {
            return;
        }
        ModelIdentity stored = admin.models().get(model.name());
        if (stored == null) {
            throw new SolrBackendException("Solr collection '" + collection + "' has no vectors of model '"
                    + model.name() + "' (push an index with that model)");
        }
        String difference = CollectionSchema.difference(stored, model);
        if (difference != null) {
            throw admin.mismatch(model.name(), difference);
        }
        checked.put(model.name(), model);
    }

    /**
     * The exact top k of the candidates: the same index the local search uses, filled in path order so
     * that equal scores rank the smaller path first, as they do locally.
     */
    private static List<SearchHit> rerank(int dimension, float[] query, List<Candidate> candidates, int k) {
        List<Candidate> byPath = new ArrayList<>(candidates);
        byPath.sort(Comparator.comparing(Candidate::path, PathOrder.UTF8));
        FlatIndex index = new FlatIndex(dimension, 1);
        float[] rows = new float[byPath.size() * dimension];
        for (int i = 0; i < byPath.size(); i++) {
            System.arraycopy(byPath.get(i).vector(), 0, rows, i * dimension, dimension);
        }
        index.add(rows, byPath.size());
        List<SearchHit> hits = new ArrayList<>(k);
        if (byPath.isEmpty()) {
            return hits;
        }
        for (Neighbor hit : index.search(query, k)) {
            hits.add(new SearchHit(hits.size() + 1, byPath.get(hit.ordinal()).path(), hit.cosine(), hit.distance()));
        }
        return hits;
    }

    /** Java's shortest exact decimal form of each float, which Solr parses back to the same float. */
    private static String vectorText(float[] vector) {
        StringBuilder text = new StringBuilder(vector.length * 12).append('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(vector[i]);
        }
        return text.append(']').toString();
    }

    /** The stored vector of the image at {@code path}, which must have the model's {@code dimension}. */
    float[] floats(Collection<Object> values, int dimension, String path) throws SolrBackendException {
        if (values == null) {
            throw new SolrBackendException(
                    "Solr collection '" + collection + "' returned " + path + " without its stored vector");
        }
        if (values.size() != dimension) {
            throw new SolrBackendException("Solr collection '" + collection + "': the stored vector of " + path
                    + " has " + values.size() + " values, the model has " + dimension + " dimensions");
        }
        float[] vector = new float[dimension];
        int i = 0;
        for (Object value : values) {
            vector[i++] = ((Number) value).floatValue();
        }
        return vector;
    }

    @Override
    public void close() throws IOException {
        solr.close();
    }

    /**
     * One candidate of the approximate search.
     *
     * @param path   the image's path
     * @param vector its stored vector, as pushed
     */
    public record Candidate(String path, float[] vector) {}
}
