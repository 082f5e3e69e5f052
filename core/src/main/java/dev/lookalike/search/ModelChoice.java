package dev.lookalike.search;

import dev.lookalike.model.ModelNameException;
import java.util.List;

/**
 * One entry of a {@link ModelSelection}, parsed once from the name a user writes: a single model of
 * the catalog ({@code clip}) or a {@linkplain Fusion fusion} of several ({@code clip+dinov2},
 * {@code clip+dinov2:rrf}). Code that treats the two differently switches over this sealed type.
 */
public sealed interface ModelChoice permits SingleModel, Fusion {

    /** The name as results show it: {@code clip}, {@code clip+dinov2}, {@code clip+dinov2:rrf}. */
    String name();

    /** The single models this choice needs embedded, each once, in order. */
    List<String> models();

    /**
     * Whether this choice ranks by reciprocal-rank scores rather than cosines: such scores lie in a
     * narrow band and tie across queries, so metrics that pool scores over queries do not compare.
     */
    boolean rankScored();

    /**
     * Parses a name: with a {@code +} it is a fusion {@code a+b[+c...][:mean|:rrf]}, otherwise a
     * single model.
     *
     * @throws IllegalArgumentException for a blank name or a malformed fusion
     */
    static ModelChoice parse(String name) {
        String stripped = name.strip();
        if (stripped.isEmpty()) {
            throw new ModelNameException("a model name must not be blank");
        }
        return stripped.contains("+") ? Fusion.parse(stripped) : new SingleModel(stripped);
    }
}
