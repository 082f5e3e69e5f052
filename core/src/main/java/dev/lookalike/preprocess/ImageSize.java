package dev.lookalike.preprocess;

/** A height and width in pixels; as a {@link ResizeTarget}, an exact size that ignores the aspect ratio. */
public record ImageSize(int height, int width) implements ResizeTarget {

    public ImageSize {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("size must be positive: height " + height + ", width " + width);
        }
    }

    @Override
    public ImageSize outputSize(int inputHeight, int inputWidth) {
        return this;
    }
}
