package dev.lookalike.vector;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Chooses the kernels once per JVM. The SIMD kernels are loaded by reflection only when the
 * {@code jdk.incubator.vector} module is in the boot layer, so a JVM started without
 * {@code --add-modules jdk.incubator.vector} falls back to scalar instead of failing to link.
 * The system property {@code lookalike.vector=scalar} forces the scalar kernels (for comparisons).
 */
final class KernelSelector {

    static final String PROPERTY = "lookalike.vector";
    static final VectorKernels BEST = choose();

    private KernelSelector() {}

    private static VectorKernels choose() {
        if ("scalar".equals(System.getProperty(PROPERTY))) {
            return ScalarKernels.INSTANCE;
        }
        return simd().orElse(ScalarKernels.INSTANCE);
    }

    /** The SIMD kernels, if this JVM has the incubator module and vectors of at least 128 bits. */
    static Optional<VectorKernels> simd() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName("dev.lookalike.vector.PanamaKernels");
            return Optional.ofNullable(
                    (VectorKernels) type.getMethod("createIfUseful").invoke(null));
        } catch (ReflectiveOperationException | LinkageError e) {
            Logger.getLogger(KernelSelector.class.getName())
                    .warning("SIMD vector kernels unavailable, using scalar: " + e);
            return Optional.empty();
        }
    }
}
