package dev.lookalike.dataset;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What was done to make a query, for {@code edits.csv}.
 *
 * @param types      the edits' types in the order applied
 * @param parameters each edit described as {@code type(parameters)}, joined by {@code "; "}
 */
record MadeQuery(List<EditType> types, String parameters) {

    static MadeQuery of(List<Edit> edits) {
        return new MadeQuery(
                edits.stream().map(Edit::type).toList(),
                edits.stream().map(Edit::describe).collect(Collectors.joining("; ")));
    }

    /** The types' names joined by {@code +}: {@code crop+grayscale}. */
    String edits() {
        return types.stream().map(EditType::id).collect(Collectors.joining("+"));
    }
}
