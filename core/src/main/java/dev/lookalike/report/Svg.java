package dev.lookalike.report;

import java.util.List;
import java.util.Locale;

/** Small inline SVG charts for reports: horizontal bars and line curves, no script, no external files. */
final class Svg {

    /** The palette: one colour per series, repeating. */
    private static final List<String> COLOURS =
            List.of("#2f6fb3", "#d9822b", "#3a9a5b", "#b8427a", "#7a5bb8", "#6b7280");

    private static final int BAR_AREA = 300;
    private static final int MIN_LABEL = 120;
    private static final int BAR = 22;
    /** Width of a character of the 12px labels, generously, so that names are never clipped. */
    private static final int CHAR = 7;

    private Svg() {}

    static String colour(int series) {
        return COLOURS.get(series % COLOURS.size());
    }

    /**
     * A horizontal bar chart.
     *
     * @param title  the chart's caption
     * @param labels one per bar
     * @param values one per bar, at least 0; {@code NaN} for "no value"
     * @param max    the value of a full-width bar
     * @param format how a value is printed, such as {@code "%.1f%%"} with the value scaled by {@code scale}
     */
    static String bars(String title, List<String> labels, double[] values, double max, String format, double scale) {
        int height = 28 + labels.size() * (BAR + 6);
        int label = labelWidth(labels, MIN_LABEL);
        StringBuilder svg = open(title, label + BAR_AREA + 60, height);
        text(svg, 4, 16, title, "title");
        for (int i = 0; i < labels.size(); i++) {
            int y = 26 + i * (BAR + 6);
            text(svg, 4, y + 15, labels.get(i), "label");
            double v = values[i];
            double w = Double.isNaN(v) || max <= 0 ? 0 : Math.min(1, v / max) * BAR_AREA;
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
                    label,
                    y,
                    w,
                    BAR,
                    colour(i)));
            String shown = Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, format, v * scale);
            text(svg, (int) (label + w + 4), y + 15, shown, "value");
        }
        return svg.append("</svg>\n").toString();
    }

    /**
     * Line curves in the unit square, x to the right, y up, with axes labelled.
     *
     * @param curves one per series: {@code [xs, ys]}
     */
    static String curves(String title, String xLabel, String yLabel, List<String> labels, List<double[][]> curves) {
        int size = 300;
        int left = 44;
        int top = 24;
        StringBuilder svg = open(title, left + size + 30 + labelWidth(labels, 120), top + size + 40);
        text(svg, 4, 16, title, "title");
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n",
                left,
                top,
                size,
                size));
        for (int tick = 0; tick <= 4; tick++) {
            double t = tick / 4.0;
            text(svg, left + (int) (t * size) - 8, top + size + 14, String.format(Locale.ROOT, "%.2f", t), "tick");
            text(svg, 4, top + size - (int) (t * size) + 4, String.format(Locale.ROOT, "%.2f", t), "tick");
        }
        text(svg, left + size / 2 - 20, top + size + 32, xLabel, "label");
        text(svg, left + size + 8, top + 12, "y: " + yLabel, "label");
        for (int c = 0; c < curves.size(); c++) {
            double[] xs = curves.get(c)[0];
            double[] ys = curves.get(c)[1];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < xs.length; i++) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + xs[i] * size, top + size - ys[i] * size));
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
                    .append(colour(c))
                    .append("\" points=\"")
                    .append(points.toString().strip())
                    .append("\"/>\n");
            int y = top + 30 + c * 18;
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/>\n",
                    left + size + 8,
                    y - 4,
                    colour(c)));
            text(svg, left + size + 24, y + 1, labels.get(c), "label");
        }
        return svg.append("</svg>\n").toString();
    }

    private static int labelWidth(List<String> labels, int least) {
        return Math.max(
                least, 8 + CHAR * labels.stream().mapToInt(String::length).max().orElse(0));
    }

    private static StringBuilder open(String title, int width, int height) {
        return new StringBuilder(1024)
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" role=\"img\" aria-label=\"")
                .append(Html.escape(title))
                .append("\">\n");
    }

    private static void text(StringBuilder svg, int x, int y, String text, String cls) {
        svg.append("<text x=\"")
                .append(x)
                .append("\" y=\"")
                .append(y)
                .append("\" class=\"")
                .append(cls)
                .append("\">")
                .append(Html.escape(text))
                .append("</text>\n");
    }
}
