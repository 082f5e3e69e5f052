package dev.lookalike.preprocess;

/** What {@code size} in {@code preprocessor_config.json} asks the resize for. */
public sealed interface ResizeTarget permits ResizeTarget.ShortestEdge, ImageSize {

    /** The output (height, width) for an input of the given size. */
    ImageSize outputSize(int height, int width);

    /**
     * Keep the aspect ratio, the shorter side becomes {@code edge}; the longer side is
     * {@code int(edge * long / short)} as transformers computes it.
     */
    record ShortestEdge(int edge) implements ResizeTarget {

        public ShortestEdge {
            if (edge < 1) {
                throw new IllegalArgumentException("shortest_edge must be positive: " + edge);
            }
        }

        @Override
        public ImageSize outputSize(int height, int width) {
            int shortSide = Math.min(height, width);
            int longSide = Math.max(height, width);
            int newLong = (int) ((double) edge * longSide / shortSide);
            return width <= height ? new ImageSize(newLong, edge) : new ImageSize(edge, newLong);
        }
    }
}
