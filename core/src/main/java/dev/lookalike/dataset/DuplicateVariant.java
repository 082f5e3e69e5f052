package dev.lookalike.dataset;

import java.util.List;
import java.util.Locale;

/**
 * What an image of a duplicate set is, relative to its group's original (the {@code variant}
 * column of {@code groups.csv}).
 */
public enum DuplicateVariant {
    /** The source photo, byte for byte. */
    ORIGINAL("jpg"),
    /** The original's bytes again, under another name (the same SHA-256). */
    EXACT("jpg"),
    /** Scaled down to 30-80% of its size, JPEG at quality 90. */
    RESIZED("jpg"),
    /** Re-compressed as JPEG at quality 35-75, as messengers do. */
    JPEG("jpg"),
    /** Re-saved losslessly as PNG. */
    PNG("png"),
    /** 1-6% cut off each side, JPEG at quality 90. */
    CROP("jpg"),
    /** Pixels stored turned, with an EXIF orientation tag (3, 6 or 8) that turns them back for display. */
    EXIF_ROTATE("jpg"),
    /** Brightness, contrast and saturation changed by up to 10-15%, JPEG at quality 90. */
    COLOR("jpg"),
    /** Scaled to 45-85% inside a window-like frame (title bar and borders, light or dark), PNG. */
    SCREENSHOT("png"),
    /** A source photo with no copies in the set: every pair with it is a false match. */
    SINGLE("jpg");

    /** The variants a group's copies are drawn from. */
    static final List<DuplicateVariant> COPIES =
            List.of(EXACT, RESIZED, JPEG, PNG, CROP, EXIF_ROTATE, COLOR, SCREENSHOT);

    private final String extension;

    DuplicateVariant(String extension) {
        this.extension = extension;
    }

    /** The name in {@code groups.csv}: {@code exif-rotate}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The variant named {@code id}. */
    public static DuplicateVariant of(String id) {
        for (DuplicateVariant variant : values()) {
            if (variant.id().equals(id)) {
                return variant;
            }
        }
        throw new IllegalArgumentException("unknown duplicate variant: " + id);
    }

    /** The file extension of a copy made this way; the original and exact copies keep the source's. */
    String extension() {
        return extension;
    }
}
