package dev.lookalike.dataset;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How a query's edits are drawn: one edit 40% of the time, two 40%, three 20%; distinct types,
 * each equally likely, applied in {@link EditType}'s order. Changing any draw here changes every
 * set made with a seed, so it bumps {@link #VERSION}.
 */
public final class EditRecipe {

    /** The recipe's version, written to {@code dataset.json}. */
    public static final int VERSION = 1;

    /** Decodes a background photo for a composite, by its name under the source folder. */
    @FunctionalInterface
    public interface BackgroundLoader {
        BufferedImage load(String name) throws IOException;
    }

    private EditRecipe() {}

    /**
     * The random source of query number {@code index} of a set made with {@code seed}: the same
     * pair always gives the same draws, whichever thread makes the query, and different pairs
     * give unrelated streams.
     */
    public static SplittableRandom forQuery(long seed, int index) {
        return new SplittableRandom(mix(seed ^ mix(index + 1L)));
    }

    /** The random source for holding photos out as the background set, apart from every other draw. */
    static SplittableRandom forBackground(long seed) {
        return new SplittableRandom(mix(seed ^ 0x6261636b67726f75L));
    }

    /** The random source for assigning photos to roles in a set made with {@code seed}. */
    static SplittableRandom forPlan(long seed) {
        return new SplittableRandom(mix(seed));
    }

    /**
     * Draws a query's edits.
     *
     * @param backgrounds photos a composite may paste into; empty means no composite
     * @param loader      decodes the background a composite draws
     */
    public static List<Edit> draw(SplittableRandom random, List<String> backgrounds, BackgroundLoader loader)
            throws IOException {
        List<Edit> edits = new ArrayList<>();
        for (EditType type : drawTypes(random, !backgrounds.isEmpty())) {
            edits.add(draw(type, random, backgrounds, loader));
        }
        return edits;
    }

    private static List<EditType> drawTypes(SplittableRandom random, boolean compositeAllowed) {
        int roll = random.nextInt(10);
        int count = roll < 4 ? 1 : roll < 8 ? 2 : 3;
        List<EditType> candidates = new ArrayList<>(EditType.all());
        if (!compositeAllowed) {
            candidates.remove(EditType.COMPOSITE);
        }
        EnumSet<EditType> chosen = EnumSet.noneOf(EditType.class);
        while (chosen.size() < count) {
            chosen.add(candidates.remove(random.nextInt(candidates.size())));
        }
        return List.copyOf(chosen); // EnumSet iterates in application order
    }

    /** Draws one edit of {@code type}. */
    static Edit draw(EditType type, SplittableRandom random, List<String> backgrounds, BackgroundLoader loader)
            throws IOException {
        return switch (type) {
            case CROP -> Crop.random(random);
            case FLIP -> Flip.random(random);
            case ROTATE -> Rotate.random(random);
            case PERSPECTIVE -> Perspective.random(random);
            case COLOR -> ColorJitter.random(random);
            case GRAYSCALE -> Grayscale.random(random);
            case BLUR -> Blur.random(random);
            case TEXT -> TextOverlay.random(random);
            case EMOJI -> EmojiOverlay.random(random);
            case PAD -> Pad.random(random);
            case COMPOSITE -> {
                String name = backgrounds.get(random.nextInt(backgrounds.size()));
                yield Composite.random(random, loader.load(name), name);
            }
            case JPEG -> JpegRecompression.random(random);
        };
    }

    /** MurmurHash3's 64-bit finaliser: spreads nearby seeds over unrelated values. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
