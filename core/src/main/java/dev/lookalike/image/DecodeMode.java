package dev.lookalike.image;

import java.util.Locale;

/** How JPEGs are decoded: exactly as PIL decodes them, or faster at a reduced scale. */
public enum DecodeMode {
    /** Full size, PIL's {@code Image.open(f).convert("RGB")} pixels. */
    EXACT,
    /**
     * Scaled down by 2, 4 or 8 in the DCT domain while decoding (libjpeg's {@code scale_denom},
     * as PIL's {@code draft()} asks for), to the smallest size that keeps at least twice the
     * models' resize target on the short side; then the models' usual resize. Other formats, and
     * JPEGs too small to scale, decode exactly.
     */
    FAST;

    /** The mode's name as the CLI and the index write it: {@code exact} or {@code fast}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode with this {@link #label()}. */
    public static DecodeMode fromLabel(String label) {
        for (DecodeMode mode : values()) {
            if (mode.label().equals(label)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown decode mode '" + label + "' (exact or fast)");
    }
}
