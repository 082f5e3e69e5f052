package dev.lookalike.dataset;

import java.util.Arrays;
import java.util.List;

/**
 * The fixed vocabulary of edits, in the order they are applied when a query gets several. The
 * names are stable: {@code edits.csv} and benchmarks break results down by them.
 */
public enum EditType {
    /** Keeps a random window of 25-80% of the area. */
    CROP("crop"),
    /** Mirrors left-right (mostly) or top-bottom. */
    FLIP("flip"),
    /** A right angle, or 8-40 degrees cropped to the largest upright rectangle inside. */
    ROTATE("rotate"),
    /** Moves each corner inwards by up to 20% of the side, filling the uncovered edge. */
    PERSPECTIVE("perspective"),
    /** Brightness, contrast, saturation and hue changed together, each clearly away from 1. */
    COLOR("color"),
    /** Luminance only (ITU-R 601-2 weights, as PIL's {@code convert("L")}). */
    GRAYSCALE("grayscale"),
    /** Gaussian blur with a sigma of 0.6-2% of the shorter side. */
    BLUR("blur"),
    /** A word in block capitals drawn over the photo, possibly tilted. */
    TEXT("text"),
    /** One to three emoji-like shapes (smiley, heart, star) in colour. */
    EMOJI("emoji"),
    /** A solid-colour border of 3-25% of the size on each side. */
    PAD("pad"),
    /** The edited copy scaled down and pasted into another photo that is not a reference. */
    COMPOSITE("composite"),
    /** Re-encoded as JPEG at quality 5-25. */
    JPEG("jpeg");

    private static final List<EditType> ALL = List.of(values());

    private final String id;

    EditType(String id) {
        this.id = id;
    }

    /** The stable lower-case name used in {@code edits.csv}. */
    public String id() {
        return id;
    }

    /** Every type, in application order. */
    public static List<EditType> all() {
        return ALL;
    }

    /** The type named {@code id}; an IllegalArgumentException naming it otherwise. */
    public static EditType byId(String id) {
        return Arrays.stream(values())
                .filter(type -> type.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown edit type: " + id));
    }

    @Override
    public String toString() {
        return id;
    }
}
