package dev.lookalike.model;

/** A text query for a model that has no text tower (DINOv2, phash, a vision-only export). */
public final class NoTextSideException extends IllegalArgumentException {

    public NoTextSideException(String model) {
        super("model " + model + " has no text side (only CLIP-family models embed text)");
    }
}
