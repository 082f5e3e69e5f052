package dev.lookalike.search;

import dev.lookalike.image.DecodedImage;
import dev.lookalike.model.ImageModel;
import dev.lookalike.vector.VectorUtil;
import java.util.List;

/**
 * How alike two images are for one model, as the reference article computes it.
 *
 * @param model  the model's name
 * @param cosine the cosine similarity of the two images' vectors, in [-1, 1]
 */
public record Similarity(String model, double cosine) {

    /** The article's score: the cosine mapped to [0, 1] by {@code (cosine + 1) / 2}. */
    public double score() {
        return (cosine + 1) / 2;
    }

    /** Embeds both images with {@code model} (in one batch) and compares their vectors. */
    public static Similarity between(ImageModel model, DecodedImage a, DecodedImage b) {
        float[][] vectors = model.embed(List.of(a, b));
        return new Similarity(model.spec().name(), VectorUtil.cosine(vectors[0], vectors[1]));
    }
}
