package dev.lookalike.model;

import java.util.Objects;

/**
 * A model that lookalike computes itself: no hub repository, no files, always available.
 *
 * @param name      the name users type
 * @param algorithm what it computes
 */
public record ComputedModelSpec(String name, Algorithm algorithm) implements ModelSpec {

    public ComputedModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
    }

    /** Whether {@code spec} is a perceptual hash, whose cosine also gives a Hamming distance. */
    public static boolean isPerceptualHash(ModelSpec spec) {
        return spec instanceof ComputedModelSpec computed && computed.algorithm() == Algorithm.PHASH;
    }

    @Override
    public int dimension() {
        return algorithm.dimension();
    }

    @Override
    public String source() {
        return "computed";
    }

    /** The algorithms lookalike computes. */
    public enum Algorithm {
        /**
         * Python ImageHash's {@code phash} (DCT perceptual hash, 64 bits) as a vector of +1 and -1
         * (docs/phash.md).
         */
        PHASH(
                64,
                "dct-hash",
                "imagehash.phash(hash_size=8, highfreq_factor=4): RGB to PIL L,"
                        + " LANCZOS resize to 32x32, DCT-II (scipy.fftpack, unnormalised) on both axes,"
                        + " top-left 8x8, bit = coefficient > median, row-major; vector = bits as +1/-1; lookalike v1",
                "DCT perceptual hash as in Python ImageHash (phash): 32x32 grayscale, 8x8 lowest DCT"
                        + " frequencies above their median; 64 bits as +1/-1, cosine = 1 - 2 * Hamming / 64");

        private final int dimension;
        private final String output;
        private final String definition;
        private final String description;

        Algorithm(int dimension, String output, String definition, String description) {
            this.dimension = dimension;
            this.output = output;
            this.definition = definition;
            this.description = description;
        }

        /** The vector's length. */
        public int dimension() {
            return dimension;
        }

        /** What the vector holds, recorded in indexes as the model's output. */
        public String output() {
            return output;
        }

        /**
         * The exact, versioned definition: its SHA-256 stands in for a model file's in the
         * {@link ModelIdentity}, so an index refuses vectors once the definition changes.
         */
        public String definition() {
            return definition;
        }

        /** One line for people. */
        public String description() {
            return description;
        }
    }
}
