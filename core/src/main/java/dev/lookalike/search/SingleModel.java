package dev.lookalike.search;

import java.util.List;

/**
 * A single model of the catalog, searched over its own stored vectors.
 *
 * @param name the model's name, such as {@code clip}
 */
public record SingleModel(String name) implements ModelChoice {

    public SingleModel {
        if (name.isBlank() || name.contains("+")) {
            throw new IllegalArgumentException("not a single model's name: '" + name + "'");
        }
    }

    @Override
    public List<String> models() {
        return List.of(name);
    }

    @Override
    public boolean rankScored() {
        return false;
    }
}
