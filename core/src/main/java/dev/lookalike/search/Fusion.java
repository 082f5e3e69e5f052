package dev.lookalike.search;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.model.ModelNameException;
import dev.lookalike.model.Sha256;
import dev.lookalike.store.StoredVectors;
import dev.lookalike.vector.VectorUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A model name that combines the results of two or more models, written with {@code +}:
 *
 * <ul>
 * <li>{@code clip+dinov2} (or {@code clip+dinov2:mean}): the <b>mean of the models' cosines</b>.
 *     Exact over every stored image: for L2-normalised vectors the mean of n cosines is the
 *     cosine of the concatenated vectors, so it is an ordinary exact search over the
 *     concatenation (see {@link #join}).</li>
 * <li>{@code clip+dinov2:rrf}: <b>reciprocal-rank fusion</b>: each model's top {@value #RRF_DEPTH}
 *     (or top k when k is larger), an image scoring {@code sum 1 / (60 + rank)} over the models
 *     that ranked it (rank from 1); equal scores rank the path that sorts first first.</li>
 * </ul>
 *
 * @param name       the name as written, such as {@code clip+dinov2:rrf}
 * @param components the models combined, in order, each named once
 * @param method     how their results are combined
 */
public record Fusion(String name, List<String> components, Method method) {

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

    /** Whether {@code name} names a fusion (it contains a {@code +}). */
    public static boolean isFusion(String name) {
        return name.contains("+");
    }

    /**
     * Parses a fusion name: {@code a+b[+c...][:mean|:rrf]}.
     *
     * @throws ModelNameException when a component is empty or named twice, or the method is unknown
     */
    public static Fusion parse(String name) {
        String spec = name.strip();
        Method method = Method.MEAN;
        int colon = spec.lastIndexOf(':');
        if (colon >= 0) {
            String suffix = spec.substring(colon + 1).toLowerCase(Locale.ROOT);
            method = switch (suffix) {
                case "mean" -> Method.MEAN;
                case "rrf" -> Method.RRF;
                default -> throw new ModelNameException("fusion " + name + ": unknown method '" + suffix
                        + "' (use :mean or :rrf)");
            };
            spec = spec.substring(0, colon);
        }
        List<String> parts = Arrays.stream(spec.split("\\+", -1)).map(String::strip).toList();
        if (parts.size() < 2 || parts.contains("")) {
            throw new ModelNameException("fusion " + name + ": expected two or more model names joined by +");
        }
        if (new LinkedHashSet<>(parts).size() != parts.size()) {
            throw new ModelNameException("fusion " + name + ": a model is named twice");
        }
        return new Fusion(name.strip(), parts, method);
    }

    /** The reciprocal-rank contribution of a 1-based rank. */
    public static double reciprocalRank(int rank) {
        return 1.0 / (RRF_K + rank);
    }

    /**
     * The identity of the mean-cosine fusion's concatenated vectors: its name, a hash of the
     * components' identities, and the summed dimension.
     */
    public ModelIdentity identity(List<ModelIdentity> parts) {
        String joined = parts.stream().map(ModelIdentity::toString).collect(Collectors.joining("\n"));
        int dimension = parts.stream().mapToInt(ModelIdentity::dimension).sum();
        return new ModelIdentity(name, Sha256.of(joined.getBytes(StandardCharsets.UTF_8)), "concatenation",
                method.name().toLowerCase(Locale.ROOT), dimension);
    }

    /**
     * The concatenation of one vector per component, each L2-normalised first, so that the cosine
     * of two concatenations is the mean of the components' cosines.
     */
    public static float[] concatenate(List<float[]> parts) {
        int length = parts.stream().mapToInt(p -> p.length).sum();
        float[] joined = new float[length];
        int offset = 0;
        for (float[] part : parts) {
            float[] unit = VectorUtil.l2Normalized(part);
            System.arraycopy(unit, 0, joined, offset, unit.length);
            offset += unit.length;
        }
        return joined;
    }

    /**
     * The components' stored vectors joined row by row on their paths (the paths every component
     * has, in the first component's order), each part L2-normalised: the vectors a mean-cosine
     * search runs over.
     *
     * @param parts one per component, in {@link #components()} order
     */
    public StoredVectors join(List<StoredVectors> parts) {
        if (parts.size() != components.size()) {
            throw new ModelNameException("fusion " + name + " needs " + components.size() + " models' vectors, got "
                    + parts.size());
        }
        List<Map<String, Integer>> rowOf = new ArrayList<>();
        for (StoredVectors part : parts) {
            Map<String, Integer> rows = new HashMap<>(part.count() * 2);
            for (int i = 0; i < part.count(); i++) {
                rows.put(part.paths().get(i), i);
            }
            rowOf.add(rows);
        }
        List<String> common = parts.getFirst().paths().stream()
                .filter(path -> rowOf.stream().allMatch(rows -> rows.containsKey(path))).toList();
        ModelIdentity identity = identity(parts.stream().map(StoredVectors::model).toList());
        int dimension = identity.dimension();
        float[] data = new float[Math.multiplyExact(common.size(), dimension)];
        for (int row = 0; row < common.size(); row++) {
            int offset = row * dimension;
            for (int p = 0; p < parts.size(); p++) {
                StoredVectors part = parts.get(p);
                int d = part.dimension();
                System.arraycopy(part.data(), rowOf.get(p).get(common.get(row)) * d, data, offset, d);
                VectorUtil.normalizeRow(data, offset, d);
                offset += d;
            }
        }
        return new StoredVectors(identity, common, data);
    }
}
