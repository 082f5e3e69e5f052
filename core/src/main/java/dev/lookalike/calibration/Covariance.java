package dev.lookalike.calibration;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The mean and the covariance matrix of a set of vectors, as PCA needs them: the population
 * covariance {@code C = (1/n) sum_i (x_i - mu)(x_i - mu)^T}. The rows are centred first (in double,
 * then rounded to float), so no precision is lost to cancelling a large mean; the products of each
 * chunk of rows run on the search kernels in float, and the chunks' sums add up in double.
 *
 * @param mean   {@code dimension} values
 * @param matrix {@code dimension x dimension}, row-major, symmetric
 */
record Covariance(double[] mean, double[] matrix) {

    /** Rows per chunk: each chunk's products are summed in float, the chunks in double. */
    private static final int CHUNK = 256;

    /**
     * Of rows {@code data[i * dimension ..]}, {@code i < count}.
     *
     * @throws IllegalArgumentException when there are no rows
     */
    static Covariance of(float[] data, int count, int dimension) {
        if (count < 1) {
            throw new IllegalArgumentException("a covariance needs at least one vector");
        }
        double[] mean = new double[dimension];
        for (int i = 0; i < count; i++) {
            for (int d = 0; d < dimension; d++) {
                mean[d] += data[i * dimension + d];
            }
        }
        for (int d = 0; d < dimension; d++) {
            mean[d] /= count;
        }
        int chunks = (count + CHUNK - 1) / CHUNK;
        int groups = Math.min(chunks, Runtime.getRuntime().availableProcessors());
        double[][] partial = new double[groups][];
        IntStream.range(0, groups)
                .parallel()
                .forEach(g -> partial[g] = sum(data, count, dimension, mean, (int) ((long) chunks * g / groups), (int)
                        ((long) chunks * (g + 1) / groups)));
        double[] matrix = new double[dimension * dimension];
        for (double[] part : partial) { // in group order: the result does not depend on thread timing
            for (int i = 0; i < matrix.length; i++) {
                matrix[i] += part[i];
            }
        }
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] /= count;
        }
        return new Covariance(mean, matrix);
    }

    /** The sum of {@code (x - mu)(x - mu)^T} over chunks {@code [fromChunk, toChunk)}. */
    private static double[] sum(float[] data, int count, int dimension, double[] mean, int fromChunk, int toChunk) {
        double[] total = new double[dimension * dimension];
        float[] columns = new float[dimension * CHUNK];
        float[] out = null;
        for (int chunk = fromChunk; chunk < toChunk; chunk++) {
            int first = chunk * CHUNK;
            int rows = Math.min(CHUNK, count - first);
            // Column d of the centred chunk is row d here, so the chunk's X^T X is columns x columns^T.
            Arrays.fill(columns, 0);
            for (int r = 0; r < rows; r++) {
                int row = (first + r) * dimension;
                for (int d = 0; d < dimension; d++) {
                    columns[d * CHUNK + r] = (float) (data[row + d] - mean[d]);
                }
            }
            MatrixProduct product = new MatrixProduct(columns, dimension, CHUNK);
            int width = product.paddedColumns();
            out = out != null ? out : new float[dimension * width];
            product.times(columns, 0, dimension, out);
            for (int i = 0; i < dimension; i++) {
                for (int j = 0; j < dimension; j++) {
                    total[i * dimension + j] += out[i * width + j];
                }
            }
        }
        return total;
    }
}
