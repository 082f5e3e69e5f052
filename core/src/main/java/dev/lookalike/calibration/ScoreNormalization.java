package dev.lookalike.calibration;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Score normalisation against a background set, as SSCD's {@code apply_score_norm}
 * ({@code sscd/disc_eval.py}) does it: a query's score to every reference is lowered by
 * {@code weight} times the mean of its similarities to its background neighbours number
 * {@code first..last} (0-based, both included, best first). A query that resembles many unrelated
 * images (a plain sky, a texture) is thereby trusted less than one that stands out; the order of
 * a query's own candidates never changes, but scores become comparable across queries, which is
 * what uAP and recall at 90% precision pool. Written {@code W[A,B]} ({@code 1.0[0,2]} by default),
 * or {@code W[A]} for one neighbour.
 *
 * @param weight the factor on the neighbours' mean, {@code beta} in SSCD's equation 8
 * @param first  the first neighbour counted, from 0
 * @param last   the last neighbour counted, at least {@code first}
 */
public record ScoreNormalization(double weight, int first, int last) {

    /** SSCD's default: the mean of the three nearest background images, weight 1. */
    public static final ScoreNormalization DEFAULT = new ScoreNormalization(1.0, 0, 2);

    private static final Pattern SPEC =
            Pattern.compile("\\s*([-+0-9.eE]+)\\s*\\[\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?]\\s*");

    public ScoreNormalization {
        if (!Double.isFinite(weight) || first < 0 || last < first) {
            throw new IllegalArgumentException("score normalisation needs a finite weight and 0 <= first <= last, got "
                    + weight + "[" + first + "," + last + "]");
        }
    }

    /**
     * Parses {@code W[A,B]} or {@code W[A]}.
     *
     * @throws IllegalArgumentException naming the text when it is not of that form
     */
    public static ScoreNormalization parse(String text) {
        Matcher m = SPEC.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "score normalisation '" + text + "' is not of the form WEIGHT[FIRST,LAST], such as 1.0[0,2]");
        }
        double weight;
        try {
            weight = Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "score normalisation '" + text + "': '" + m.group(1) + "' is not a number");
        }
        int first = Integer.parseInt(m.group(2));
        return new ScoreNormalization(weight, first, m.group(3) == null ? first : Integer.parseInt(m.group(3)));
    }

    /** How many background neighbours a query needs: {@code last + 1}. */
    public int neighbours() {
        return last + 1;
    }

    /**
     * What to add to each of a query's scores.
     *
     * @param neighbourScores the query's similarities to its nearest background images, best first;
     *                        at least {@link #neighbours()} of them
     * @return {@code -weight * mean(neighbourScores[first..last])}
     */
    public double adjustment(double[] neighbourScores) {
        if (neighbourScores.length < neighbours()) {
            throw new IllegalArgumentException("score normalisation " + this + " needs " + neighbours()
                    + " background neighbours, got " + neighbourScores.length);
        }
        double sum = 0;
        for (int i = first; i <= last; i++) {
            sum += neighbourScores[i];
        }
        return -weight * sum / (last - first + 1);
    }

    /** {@code W[A,B]}, as parsed. */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%s[%d,%d]",
                weight == Math.rint(weight) && Math.abs(weight) < 1e15
                        ? String.format(Locale.ROOT, "%.1f", weight)
                        : Double.toString(weight),
                first,
                last);
    }
}
