package dev.lookalike.search;

import dev.lookalike.model.ModelNameException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The models and fusions a user asked for, such as {@code clip,dinov2,clip+dinov2}, each parsed
 * once into a {@link ModelChoice}. Each single model is loaded (and each image embedded) once,
 * however many choices mention it.
 *
 * @param choices the choices, each name once, in the order given
 */
public record ModelSelection(List<ModelChoice> choices) {

    public ModelSelection {
        Map<String, ModelChoice> byName = new LinkedHashMap<>();
        choices.forEach(choice -> byName.putIfAbsent(choice.name(), choice));
        choices = List.copyOf(byName.values());
        if (choices.isEmpty()) {
            throw new ModelNameException("at least one model is needed");
        }
    }

    /**
     * The selection of these names, each parsed with {@link ModelChoice#parse}.
     *
     * @throws IllegalArgumentException for none, or a malformed fusion
     */
    public static ModelSelection of(List<String> names) {
        return new ModelSelection(names.stream().map(ModelChoice::parse).toList());
    }

    /** The selection of these names, as {@link #of(List)}. */
    public static ModelSelection of(String... names) {
        return of(Arrays.asList(names));
    }

    /** The names, in order. */
    public List<String> names() {
        return choices.stream().map(ModelChoice::name).toList();
    }

    /** The single models needed, fusion components included, each once, in order of first mention. */
    public List<String> plainModels() {
        Set<String> plain = new LinkedHashSet<>();
        choices.forEach(choice -> plain.addAll(choice.models()));
        return List.copyOf(plain);
    }

    /** The fusions among the choices, in order. */
    public List<Fusion> fusions() {
        return choices.stream()
                .filter(Fusion.class::isInstance)
                .map(Fusion.class::cast)
                .toList();
    }
}
