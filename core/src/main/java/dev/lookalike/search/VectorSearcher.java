package dev.lookalike.search;

import dev.lookalike.image.DecodedImage;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelIdentity;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Top-k search over stored vectors, per model: a local index ({@link IndexSearcher}) or a remote
 * backend. Implementations are thread-safe.
 */
public interface VectorSearcher extends AutoCloseable {

    /**
     * The {@code k} stored images nearest to {@code query} for a model, nearest first.
     *
     * @param model the identity of the model {@code query} came from
     * @param query the query's vector, normalised or not
     * @param k     how many hits, at least 1; fewer when fewer images are stored
     */
    List<SearchHit> search(ModelIdentity model, float[] query, int k) throws IOException;

    /** The models whose vectors are stored, by name. */
    Map<String, ModelIdentity> models() throws IOException;

    /** The folder the stored images' paths are relative to, as indexing recorded it; null when unknown. */
    String root() throws IOException;

    /** Embeds {@code image} with each model and searches each model's vectors: the models side by side. */
    default SearchResults search(String queryName, DecodedImage image, List<ImageModel> models, int k) throws IOException {
        Map<String, List<SearchHit>> byModel = new LinkedHashMap<>();
        for (ImageModel model : models) {
            byModel.put(model.spec().name(), search(model.identity(), model.embed(image), k));
        }
        return new SearchResults(queryName, byModel);
    }

    @Override
    void close() throws IOException;
}
