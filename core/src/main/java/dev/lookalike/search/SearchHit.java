package dev.lookalike.search;

/**
 * One result of a similarity search, for one model.
 *
 * @param rank     1 for the nearest image
 * @param path     the image's path relative to the indexed folder, with {@code /} separators
 * @param cosine   the cosine similarity of the query's and the image's vectors
 * @param distance the squared L2 distance of the L2-normalised vectors ({@code 2 - 2 * cosine}),
 *                 as FAISS {@code IndexFlatL2} reports it
 */
public record SearchHit(int rank, String path, double cosine, double distance) {

    /** The article's score: {@code (cosine + 1) / 2}, in [0, 1]. */
    public double score() {
        return (cosine + 1) / 2;
    }
}
