package dev.lookalike.solr;

import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.server.IndexedImages;
import dev.lookalike.server.Metrics;
import dev.lookalike.server.SearchService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves a SolrCloud collection: the server's {@link SearchService} with searches sent to Solr, and result
 * images read from the folder the pushed index was built from, which must be reachable at the same path on
 * the serving machine. Images are numbered 1 to n in path order (the collection holds no ids of its own).
 */
public final class SolrServing {

    private SolrServing() {
    }

    /**
     * Checks everything a request would need before any request comes: the collection holds every model's
     * vectors (same model files), it records its indexed folder and that folder is here; then lists the
     * images. The service owns the searcher once returned; when this throws, the caller still does.
     *
     * @throws SolrBackendException when Solr fails or a model differs
     * @throws IOException          when the collection holds nothing or its folder is not on this machine
     */
    public static SearchService open(SolrSearcher searcher, List<ImageModel> models, ImageDecoder decoder,
                                     Metrics metrics) throws IOException {
        List<ModelIdentity> identities = new ArrayList<>();
        for (ImageModel model : models) {
            identities.add(model.identity());
        }
        searcher.requireModels(identities);
        Path root = root(searcher);
        List<String> paths = searcher.imagePaths();
        IndexedImages images = IndexedImages.inPathOrder(root, paths);
        return new SearchService(searcher, images, summary(searcher, root, images.size()), models, decoder, metrics);
    }

    private static Path root(SolrSearcher searcher) throws IOException {
        String recorded = searcher.root();
        if (recorded == null) {
            throw new IOException("Solr collection '" + searcher.collection() + "' holds no pushed index");
        }
        Path root = Path.of(recorded);
        if (!Files.isDirectory(root)) {
            throw new IOException("Solr collection '" + searcher.collection() + "': its images are in " + recorded
                    + ", which is not a folder on this machine (serve needs the images at the path they were indexed at)");
        }
        return root;
    }

    /** What {@code GET /api/index} answers: the collection's models and image count, in the keys of a local index's. */
    private static Map<String, Object> summary(SolrSearcher searcher, Path root, int images) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("backend", "solr");
        doc.put("collection", searcher.collection());
        doc.put("shards", searcher.shards());
        doc.put("root", root.toString());
        doc.put("files", images);
        List<Map<String, Object>> models = new ArrayList<>();
        for (ModelIdentity model : searcher.models().values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", model.name());
            row.put("dimension", model.dimension());
            row.put("output", model.output());
            row.put("pooling", model.pooling());
            row.put("onnx_sha256", model.onnxSha256());
            models.add(row);
        }
        doc.put("models", models);
        return doc;
    }
}
