package dev.lookalike.search;

import dev.lookalike.image.DecodedImage;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelNameException;
import dev.lookalike.vector.VectorUtil;
import java.util.List;
import java.util.Map;

/**
 * How alike two images are for one model or mean-cosine fusion, as the reference article computes it.
 *
 * @param model  the model's (or fusion's) name
 * @param cosine the cosine similarity of the two images' vectors, in [-1, 1]; for a fusion the mean of
 *               its components' cosines
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

    /**
     * The similarity of a choice from its single models' similarities: the model's own, or a mean
     * fusion's mean cosine.
     *
     * @param single each single model's similarity of the pair, by name
     * @throws IllegalArgumentException for a reciprocal-rank fusion (see {@link #requirePairwise})
     */
    public static Similarity of(ModelChoice choice, Map<String, Similarity> single) {
        requirePairwise(choice);
        double mean = choice.models().stream()
                .mapToDouble(model -> single.get(model).cosine())
                .average()
                .orElseThrow();
        return new Similarity(choice.name(), mean);
    }

    /**
     * Fails on a reciprocal-rank fusion: it ranks search results and has no pairwise score. Call it
     * for every choice before reading any image.
     */
    public static void requirePairwise(ModelChoice choice) {
        if (choice instanceof Fusion fusion && fusion.rankScored()) {
            throw new ModelNameException(fusion.name() + ": reciprocal-rank fusion ranks search results; compare"
                    + " two images with the mean cosine (" + String.join("+", fusion.components()) + ")");
        }
    }
}
