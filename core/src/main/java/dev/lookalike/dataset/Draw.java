package dev.lookalike.dataset;

import java.awt.Color;
import java.util.SplittableRandom;

/** Random draws shared by the edits. */
final class Draw {

    private Draw() {}

    /** Uniform in [lo, hi). */
    static double uniform(SplittableRandom random, double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** A factor clearly below 1 (in [down, 1-gap)) or above it (in [1+gap, up)), each half the time. */
    static double factorAwayFromOne(SplittableRandom random, double down, double gap, double up) {
        return random.nextBoolean() ? uniform(random, down, 1 - gap) : uniform(random, 1 + gap, up);
    }

    /** A magnitude in [lo, hi) with a random sign. */
    static double signed(SplittableRandom random, double lo, double hi) {
        double magnitude = uniform(random, lo, hi);
        return random.nextBoolean() ? magnitude : -magnitude;
    }

    /** A saturated, bright colour (random hue), or white or black a quarter of the time each. */
    static Color vividColor(SplittableRandom random) {
        int pick = random.nextInt(4);
        if (pick == 0) {
            return Color.WHITE;
        }
        if (pick == 1) {
            return Color.BLACK;
        }
        return Color.getHSBColor(
                (float) random.nextDouble(), (float) uniform(random, 0.7, 1), (float) uniform(random, 0.8, 1));
    }
}
