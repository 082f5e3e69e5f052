package dev.lookalike.cli;

import dev.lookalike.Lookalike;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.search.Fusion;
import dev.lookalike.search.ModelChoice;
import dev.lookalike.search.SingleModel;
import dev.lookalike.text.TextTokenizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What the commands that take {@code --text} share: the text's checks and the models with a text side. */
final class TextQueries {

    private TextQueries() {}

    /** Refuses an empty text (usage error). */
    static String require(String text) {
        if (text.isBlank()) {
            throw new UsageException("--text is empty: give a sentence such as \"a red bus at night\"");
        }
        return text;
    }

    /**
     * The models of {@code names} (from the catalog of {@code lookalike}) that have a text side; each other
     * one, and each fusion, gets a note and is left out.
     *
     * @throws IllegalArgumentException when none is left, or a name is unknown
     */
    static List<ModelSpec> withTextSide(ToolContext context, Lookalike lookalike, List<String> names)
            throws IOException {
        List<ModelSpec> kept = new ArrayList<>();
        for (String name : names) {
            switch (ModelChoice.parse(name.strip())) {
                case Fusion fusion ->
                    context.note(
                            "%s: fusions rank images by image vectors; left out of the text" + " query", fusion.name());
                case SingleModel single -> {
                    ModelSpec spec = lookalike.catalog().get(single.name());
                    if (!lookalike.hasTextSide(spec)) {
                        context.note("model %s has no text side: left out", spec.name());
                    } else if (!kept.contains(spec)) {
                        kept.add(spec);
                    }
                }
            }
        }
        if (kept.isEmpty()) {
            throw new UsageException("none of the models " + String.join(", ", names)
                    + " has a text side (CLIP models do: clip, clip-q8)");
        }
        return kept;
    }

    /** A note when the text has more tokens than the model reads. */
    static void noteTruncation(ToolContext context, Lookalike lookalike, ModelSpec spec, String text)
            throws IOException {
        TextTokenizer tokenizer = lookalike.textModel(spec).tokenizer();
        if (tokenizer.encode(text).truncated()) {
            context.note(
                    "the text has more than %d tokens for %s: only the first %d were read",
                    tokenizer.maxLength(), spec.name(), tokenizer.maxLength() - 2);
        }
    }
}
