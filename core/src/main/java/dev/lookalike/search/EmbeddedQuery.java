package dev.lookalike.search;

import dev.lookalike.image.DecodedImage;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelIdentity;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One query image embedded by every single model a {@link ModelSelection} needs: what a
 * {@link VectorSearcher} searches with.
 *
 * @param name    the query as results name it (the file the user gave, an upload's name)
 * @param vectors each model's vector of the image, by model name
 */
public record EmbeddedQuery(String name, Map<String, ModelVector> vectors) {

    /**
     * A model's vector of the query.
     *
     * @param model  the identity of the model it came from
     * @param vector the vector, normalised or not
     */
    public record ModelVector(ModelIdentity model, float[] vector) {}

    public EmbeddedQuery {
        vectors = Collections.unmodifiableMap(new LinkedHashMap<>(vectors));
    }

    /** Embeds {@code image} with each model, one call per model. */
    public static EmbeddedQuery embed(String name, DecodedImage image, List<ImageModel> models) throws IOException {
        Map<String, ModelVector> vectors = new LinkedHashMap<>();
        for (ImageModel model : models) {
            vectors.put(model.spec().name(), new ModelVector(model.identity(), model.embed(image)));
        }
        return new EmbeddedQuery(name, vectors);
    }

    /**
     * The vector of the single model {@code model}.
     *
     * @throws IllegalArgumentException when the query was not embedded with it
     */
    public ModelVector of(String model) {
        ModelVector vector = vectors.get(model);
        if (vector == null) {
            throw new IllegalArgumentException(
                    "query " + name + " has no vector of model " + model + " (has " + vectors.keySet() + ")");
        }
        return vector;
    }

    /** The vectors a choice needs, as batches of one query, by model name. */
    Map<String, QueryVectors> batches(ModelChoice choice) {
        Map<String, QueryVectors> batches = new LinkedHashMap<>();
        for (String model : choice.models()) {
            ModelVector vector = of(model);
            batches.put(model, QueryVectors.single(vector.model(), name, vector.vector()));
        }
        return batches;
    }
}
