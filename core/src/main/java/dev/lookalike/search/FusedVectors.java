package dev.lookalike.search;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.model.Sha256;
import dev.lookalike.store.StoredVectors;
import dev.lookalike.vector.VectorUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The vectors of a mean-cosine {@link Fusion}: each component's vector L2-normalised and the parts
 * concatenated, so that the cosine of two concatenations is the mean of the components' cosines.
 */
final class FusedVectors {

    private FusedVectors() {}

    /**
     * The identity of a fusion's concatenated vectors: its name, a hash of the components'
     * identities in place of a model file's, and the summed dimension.
     */
    static ModelIdentity identity(Fusion fusion, List<ModelIdentity> parts) {
        String joined = parts.stream().map(ModelIdentity::toString).collect(Collectors.joining("\n"));
        int dimension = parts.stream().mapToInt(ModelIdentity::dimension).sum();
        return new ModelIdentity(
                fusion.name(),
                Sha256.of(joined.getBytes(StandardCharsets.UTF_8)),
                "concatenation",
                fusion.method().name().toLowerCase(Locale.ROOT),
                dimension);
    }

    /** The concatenation of one vector per component, each L2-normalised first. */
    static float[] concatenate(List<float[]> parts) {
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
     * has, in the first component's order), each part L2-normalised.
     *
     * @param parts one per component, in {@link Fusion#components()} order
     */
    static StoredVectors join(Fusion fusion, List<StoredVectors> parts) {
        if (parts.size() != fusion.components().size()) {
            throw new IllegalArgumentException("fusion " + fusion.name() + " needs "
                    + fusion.components().size() + " models' vectors, got " + parts.size());
        }
        List<Map<String, Integer>> rowOf = new ArrayList<>();
        for (StoredVectors part : parts) {
            rowOf.add(rows(part.paths()));
        }
        List<String> common = parts.getFirst().paths().stream()
                .filter(path -> rowOf.stream().allMatch(rows -> rows.containsKey(path)))
                .toList();
        ModelIdentity identity =
                identity(fusion, parts.stream().map(StoredVectors::model).toList());
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

    /** Each id's position in {@code ids}. */
    static Map<String, Integer> rows(List<String> ids) {
        Map<String, Integer> rows = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            rows.put(ids.get(i), i);
        }
        return rows;
    }
}
