package dev.lookalike.dataset;

/** Reading packed RGB pixels at fractional positions. */
final class Sampling {

    private Sampling() {}

    /**
     * The bilinear blend of the four pixels around ({@code x}, {@code y}) (pixel centres at
     * integers), or {@code outside} when the point lies more than half a pixel off the image.
     */
    static int bilinear(int[] pixels, int width, int height, double x, double y, int outside) {
        if (x < -0.5 || y < -0.5 || x > width - 0.5 || y > height - 0.5) {
            return outside;
        }
        double cx = Math.max(0, Math.min(width - 1, x));
        double cy = Math.max(0, Math.min(height - 1, y));
        int x0 = (int) cx;
        int y0 = (int) cy;
        int x1 = Math.min(x0 + 1, width - 1);
        int y1 = Math.min(y0 + 1, height - 1);
        double fx = cx - x0;
        double fy = cy - y0;
        int p00 = pixels[y0 * width + x0];
        int p10 = pixels[y0 * width + x1];
        int p01 = pixels[y1 * width + x0];
        int p11 = pixels[y1 * width + x1];
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double top = (p00 >> shift & 0xFF) * (1 - fx) + (p10 >> shift & 0xFF) * fx;
            double bottom = (p01 >> shift & 0xFF) * (1 - fx) + (p11 >> shift & 0xFF) * fx;
            rgb |= Images.clamp255(top * (1 - fy) + bottom * fy) << shift;
        }
        return rgb;
    }
}
