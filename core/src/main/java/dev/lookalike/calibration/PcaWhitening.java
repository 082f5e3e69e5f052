package dev.lookalike.calibration;

import dev.lookalike.vector.VectorUtil;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * PCA whitening learned on a background set, then L2 normalisation: FAISS's {@code PCAW{D},L2norm}
 * ({@code PCAMatrix} with {@code eigen_power = -0.5}), as SSCD evaluates copy-detection descriptors.
 *
 * <p>The arithmetic, for background vectors {@code x_1..x_n} (each L2-normalised first, as an index
 * stores them) of dimension {@code d}:
 * <ol>
 * <li>the mean {@code mu = (1/n) sum x_i} and the covariance {@code C = (1/n) sum (x_i - mu)(x_i - mu)^T}
 *     (in double; see {@link Covariance});</li>
 * <li>the eigendecomposition {@code C = V diag(lambda) V^T} (EJML, symmetric QR, in double),
 *     eigenvalues sorted decreasing, {@code lambda_1 >= ... >= lambda_d >= 0};</li>
 * <li>the first {@code D} axes, each scaled by {@code (lambda_j + epsilon)^(-1/2)}: the rows of the
 *     projection {@code P = diag((lambda_j + epsilon)^(-1/2)) V_D^T}, a {@code D x d} matrix;</li>
 * <li>a vector {@code x} becomes {@code y = P (x/|x| - mu)}, then {@code y / |y|}.</li>
 * </ol>
 * Regularisation: {@code epsilon = }{@value #RELATIVE_EPSILON}{@code  * lambda_1}, so no axis is
 * amplified more than 1000 times as much as the first, and since it is relative to the largest
 * eigenvalue the result does not depend on how the covariance is scaled (FAISS sums without
 * dividing by {@code n}: its eigenvalues are {@code n} times these, which its own {@code epsilon}
 * would have to match). {@code D} is at most {@code min(d, n - 1)}: a covariance of {@code n} centred
 * vectors has rank at most {@code n - 1}, and the axes beyond it carry only rounding noise, which
 * whitening would blow up to the size of real signal.
 *
 * <p>Immutable and thread-safe. Axis signs are whatever the eigensolver returns: they change the
 * whitened vectors but none of their inner products.
 */
public final class PcaWhitening {

    /** {@code epsilon} relative to the largest eigenvalue. */
    public static final double RELATIVE_EPSILON = 1e-6;

    /** Rows whitened per task. */
    private static final int BLOCK = 512;

    private final float[] mean;
    private final float[] projection;
    private final double[] eigenvalues;
    private final int inputDimension;
    private final int outputDimension;
    private final int trainedOn;

    private PcaWhitening(float[] mean, float[] projection, double[] eigenvalues, int outputDimension, int trainedOn) {
        this.mean = mean;
        this.projection = projection;
        this.eigenvalues = eigenvalues;
        this.inputDimension = mean.length;
        this.outputDimension = outputDimension;
        this.trainedOn = trainedOn;
    }

    /** The largest output dimension {@code count} background vectors of dimension {@code dimension} support. */
    public static int maxDimension(int dimension, int count) {
        return Math.max(0, Math.min(dimension, count - 1));
    }

    /**
     * Learns the whitening from {@code count} background vectors.
     *
     * @param data            {@code count x dimension}, row-major; rows are L2-normalised before use
     * @param outputDimension {@code D}, from 1 to {@link #maxDimension}
     * @throws IllegalArgumentException when {@code D} is out of range, naming the background size it needs
     */
    public static PcaWhitening learn(float[] data, int count, int dimension, int outputDimension) {
        if (outputDimension < 1 || outputDimension > maxDimension(dimension, count)) {
            throw new IllegalArgumentException("whitening " + dimension + "-d vectors to " + outputDimension
                    + " dimensions needs "
                    + (outputDimension < 1
                            ? "a dimension of at least 1"
                            : outputDimension > dimension
                                    ? "at most " + dimension + " dimensions"
                                    : "at least " + (outputDimension + 1) + " background vectors, got " + count));
        }
        Covariance covariance = Covariance.of(normalizedRows(data, count, dimension), count, dimension);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(dimension, true, true);
        if (!eig.decompose(new DMatrixRMaj(dimension, dimension, true, covariance.matrix()))) {
            throw new IllegalStateException("the eigendecomposition of the background's covariance did not converge");
        }
        Integer[] order = IntStream.range(0, dimension).boxed().toArray(Integer[]::new);
        Arrays.sort(
                order,
                (a, b) -> Double.compare(
                        eig.getEigenvalue(b).getReal(), eig.getEigenvalue(a).getReal()));
        double[] lambda = new double[dimension];
        for (int j = 0; j < dimension; j++) {
            lambda[j] = Math.max(0, eig.getEigenvalue(order[j]).getReal());
        }
        double epsilon = RELATIVE_EPSILON * lambda[0];
        float[] projection = new float[outputDimension * dimension];
        for (int j = 0; j < outputDimension; j++) {
            DMatrixRMaj axis = eig.getEigenVector(order[j]);
            double scale = 1 / Math.sqrt(lambda[j] + epsilon);
            for (int k = 0; k < dimension; k++) {
                projection[j * dimension + k] = (float) (axis.get(k, 0) * scale);
            }
        }
        float[] mean = new float[dimension];
        for (int k = 0; k < dimension; k++) {
            mean[k] = (float) covariance.mean()[k];
        }
        return new PcaWhitening(mean, projection, lambda, outputDimension, count);
    }

    /** {@code d}, the length of the vectors it takes. */
    public int inputDimension() {
        return inputDimension;
    }

    /** {@code D}, the length of the vectors it makes. */
    public int outputDimension() {
        return outputDimension;
    }

    /** How many background vectors it was learned on. */
    public int trainedOn() {
        return trainedOn;
    }

    /** The covariance's eigenvalues, decreasing (all {@code d} of them, not only the {@code D} kept). */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /**
     * Whitens and L2-normalises rows.
     *
     * @param data  {@code count x inputDimension()}, row-major
     * @return {@code count x outputDimension()}, row-major, each row of unit norm
     * @throws IllegalArgumentException when the array's length does not match, or a row whitens to zero
     */
    public float[] apply(float[] data, int count) {
        if ((long) count * inputDimension != data.length) {
            throw new IllegalArgumentException(count + " vectors of dimension " + inputDimension + " need "
                    + (long) count * inputDimension + " floats, got " + data.length);
        }
        float[] centred = normalizedRows(data, count, inputDimension);
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < inputDimension; k++) {
                centred[i * inputDimension + k] -= mean[k];
            }
        }
        MatrixProduct product = new MatrixProduct(projection, outputDimension, inputDimension);
        int width = product.paddedColumns();
        float[] out = new float[Math.multiplyExact(count, outputDimension)];
        int blocks = (count + BLOCK - 1) / BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int from = b * BLOCK;
            int to = Math.min(count, from + BLOCK);
            float[] scratch = new float[(to - from) * width];
            product.times(centred, from, to, scratch);
            for (int i = from; i < to; i++) {
                System.arraycopy(scratch, (i - from) * width, out, i * outputDimension, outputDimension);
                VectorUtil.normalizeRow(out, i * outputDimension, outputDimension);
            }
        });
        return out;
    }

    /** Whitens and L2-normalises one vector. */
    public float[] apply(float[] vector) {
        return apply(vector, 1);
    }

    private static float[] normalizedRows(float[] data, int count, int dimension) {
        float[] rows = Arrays.copyOf(data, count * dimension);
        for (int i = 0; i < count; i++) {
            VectorUtil.normalizeRow(rows, i * dimension, dimension);
        }
        return rows;
    }
}
