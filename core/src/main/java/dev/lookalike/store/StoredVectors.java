package dev.lookalike.store;

import dev.lookalike.model.ModelIdentity;
import java.util.List;

/**
 * All vectors of one model, row-major, in the index's stable order: by file path (UTF-8 byte order), so that
 * ordinals are the same in every run over the same content.
 *
 * @param model     the model's identity
 * @param paths     the file path of each row; {@code paths.get(i)} is ordinal {@code i}
 * @param data      {@code paths.size() x model.dimension()} floats, row {@code i} at {@code i * dimension}
 */
public record StoredVectors(ModelIdentity model, List<String> paths, float[] data) {

    public StoredVectors {
        paths = List.copyOf(paths);
        if ((long) paths.size() * model.dimension() != data.length) {
            throw new IllegalArgumentException(paths.size() + " paths of dimension " + model.dimension() + " need "
                    + (long) paths.size() * model.dimension() + " floats, got " + data.length);
        }
    }

    /** The number of vectors. */
    public int count() {
        return paths.size();
    }

    /** The vector length. */
    public int dimension() {
        return model.dimension();
    }
}
