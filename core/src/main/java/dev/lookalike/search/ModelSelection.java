package dev.lookalike.search;

import dev.lookalike.model.ModelNameException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Model names as a user writes them: plain names of the catalog and {@linkplain Fusion fusions}
 * of them, such as {@code clip,dinov2,clip+dinov2}. Each plain model is loaded (and each image
 * embedded) once, however many names mention it.
 *
 * @param names the names, each once, in the order given
 */
public record ModelSelection(List<String> names) {

    public ModelSelection {
        names = List.copyOf(new LinkedHashSet<>(names.stream().map(String::strip).toList()));
        if (names.isEmpty()) {
            throw new ModelNameException("at least one model is needed");
        }
        names.stream().filter(Fusion::isFusion).forEach(Fusion::parse); // fails early on a malformed fusion
    }

    /** The selection of these names. */
    public static ModelSelection of(List<String> names) {
        return new ModelSelection(names);
    }

    /** The plain models named, fusion components included, each once, in order of first mention. */
    public List<String> plainModels() {
        Set<String> plain = new LinkedHashSet<>();
        for (String name : names) {
            if (Fusion.isFusion(name)) {
                plain.addAll(Fusion.parse(name).components());
            } else {
                plain.add(name);
            }
        }
        return List.copyOf(plain);
    }
}
