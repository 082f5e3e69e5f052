package dev.lookalike.dataset;

import java.awt.image.BufferedImage;

/**
 * One edit with its parameters already chosen: applying it is deterministic. Parameters that
 * depend on the image size are fractions of it, so an edit can be applied after others.
 */
public sealed interface Edit
        permits Crop,
                Flip,
                Rotate,
                Perspective,
                ColorJitter,
                Grayscale,
                Blur,
                TextOverlay,
                EmojiOverlay,
                Pad,
                Composite,
                JpegRecompression {

    /** Which kind of edit this is. */
    EditType type();

    /**
     * The edited image, a new {@code TYPE_INT_RGB} image; {@code image} (also
     * {@code TYPE_INT_RGB}) is left as it was.
     */
    BufferedImage apply(BufferedImage image);

    /** The chosen values, compact and readable, such as {@code x=0.12 y=0.30 w=0.55 h=0.61}. */
    String parameters();

    /** The type's name and its parameters: {@code crop(x=0.12 y=0.30 w=0.55 h=0.61)}. */
    default String describe() {
        return type().id() + "(" + parameters() + ")";
    }
}
