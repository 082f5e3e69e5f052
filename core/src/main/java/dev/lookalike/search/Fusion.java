package dev.lookalike.search;

import dev.lookalike.model.ModelNameException;
import dev.lookalike.store.StoredVectors;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * A combination of two or more models' results, written with {@code +}:
 *
 * <ul>
 * <li>{@code clip+dinov2} (or {@code clip+dinov2:mean}): the <b>mean of the models' cosines</b>.
 *     Exact over every stored image: for L2-normalised vectors the mean of n cosines is the
 *     cosine of the concatenated vectors, so it is an ordinary exact search over the
 *     concatenation.</li>
 * <li>{@code clip+dinov2:rrf}: <b>reciprocal-rank fusion</b>: each model's top {@value #RRF_DEPTH}
 *     (or top k when k is larger), an image scoring {@code sum 1 / (60 + rank)} over the models
 *     that ranked it (rank from 1); equal scores rank the path that sorts first first.</li>
 * </ul>
 *
 * Either ranks only the images every component has a vector for. {@link ExactRanker} runs both.
 * Get one from {@link ModelChoice#parse}.
 *
 * @param name       the name as written, such as {@code clip+dinov2:rrf}
 * @param components the models combined, in order, each named once
 * @param method     how their results are combined
 */
public record Fusion(String name, List<String> components, Method method) implements ModelChoice {

    /** RRF's constant k, as in Cormack et al. (2009). */
    public static final int RRF_K = 60;

    /** How deep each model's ranking goes into reciprocal-rank fusion. */
    public static final int RRF_DEPTH = 100;

    /** How the components' results are combined. */
    public enum Method {
        /** The mean of the components' cosines. */
        MEAN,
        /** Reciprocal-rank fusion of the components' rankings. */
        RRF
    }

    public Fusion {
        components = List.copyOf(components);
    }

    /** Parses {@code a+b[+c...][:mean|:rrf]}; {@link ModelChoice#parse} is the public way in. */
    static Fusion parse(String name) {
        String spec = name.strip();
        Method method = Method.MEAN;
        int colon = spec.lastIndexOf(':');
        if (colon >= 0) {
            String suffix = spec.substring(colon + 1).toLowerCase(Locale.ROOT);
            method = switch (suffix) {
                case "mean" -> Method.MEAN;
                case "rrf" -> Method.RRF;
                default ->
                    throw new ModelNameException(
                            "fusion " + name + ": unknown method '" + suffix + "' (use :mean or :rrf)");
            };
            spec = spec.substring(0, colon);
        }
        List<String> parts =
                Arrays.stream(spec.split("\\+", -1)).map(String::strip).toList();
        if (parts.size() < 2 || parts.contains("")) {
            throw new ModelNameException("fusion " + name + ": expected two or more model names joined by +");
        }
        if (new LinkedHashSet<>(parts).size() != parts.size()) {
            throw new ModelNameException("fusion " + name + ": a model is named twice");
        }
        return new Fusion(name.strip(), parts, method);
    }

    /** The components, the single models this fusion needs. */
    @Override
    public List<String> models() {
        return components;
    }

    /** True for reciprocal-rank fusion. */
    @Override
    public boolean rankScored() {
        return method == Method.RRF;
    }

    /**
     * The vectors a mean-cosine fusion's cosines are inner products of: the components' stored vectors joined on
     * their paths (those every component has, in the first one's order), each part L2-normalised.
     *
     * @param parts one per component, in {@link #components()} order
     */
    public StoredVectors join(List<StoredVectors> parts) {
        return FusedVectors.join(this, parts);
    }

    /** The reciprocal-rank contribution of a 1-based rank. */
    public static double reciprocalRank(int rank) {
        return 1.0 / (RRF_K + rank);
    }
}
