package dev.lookalike.dataset;

/**
 * How many images of each role a set has.
 *
 * @param references  reference images
 * @param matched     queries edited from a reference (several may copy the same reference)
 * @param distractors queries edited from a photo held out of the references
 */
record SetCounts(int references, int matched, int distractors) {

    int queries() {
        return matched + distractors;
    }

    /**
     * Resolves the options' counts against {@code photos} readable photos.
     *
     * @throws IllegalArgumentException when the photos can't fill the requested counts, naming them
     */
    static SetCounts resolve(CopyDetectionOptions options, int photos) {
        int base = options.references().orElse(photos);
        int queries = options.queries()
                .orElse((int) Math.max(1, Math.round(base * CopyDetectionOptions.DEFAULT_QUERY_SHARE)));
        int distractors = (int) Math.round(queries * options.distractorFraction());
        int matched = queries - distractors;
        int references = options.references().orElse(photos - distractors);
        if (matched < 1) {
            throw new IllegalArgumentException(queries + " queries with distractor fraction "
                    + options.distractorFraction() + " leave no query with a match");
        }
        if (references < 1 || references + distractors > photos) {
            throw new IllegalArgumentException(references + " references and " + distractors
                    + " distractor queries need " + (references + distractors) + " readable photos, the folder has "
                    + photos);
        }
        if (options.copiesPerReference().isPresent()) {
            int copies = options.copiesPerReference().getAsInt();
            int copied = (matched + copies - 1) / copies;
            if (copied > references) {
                throw new IllegalArgumentException(matched + " queries with a match at " + copies
                        + " per reference need " + copied + " references, got " + references);
            }
        }
        return new SetCounts(references, matched, distractors);
    }
}
