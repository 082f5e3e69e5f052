package dev.lookalike.embed;

/**
 * ONNX Runtime session settings beyond threads and device. The defaults are the ones measured best
 * for lookalike's pipeline on a CPU (README, "Benchmarks"): every graph optimisation, the CPU memory
 * arena on, one inter-op thread (operators run one after the other), and intra-op threads that
 * sleep instead of spinning between operators, so that the decoding threads beside them keep their
 * cores.
 *
 * @param optimization   the graph optimisation level
 * @param interOpThreads threads running independent operators in parallel; 1 runs them in sequence
 *                       (ONNX Runtime's sequential execution mode), more switches to its parallel mode
 * @param cpuArena       keep freed tensor memory in ONNX Runtime's arena for the next run
 * @param spinning       let idle intra-op threads spin ({@code session.intra_op.allow_spinning}):
 *                       shorter wake-ups, but a spinning thread holds a core other work could use
 */
public record SessionTuning(Optimization optimization, int interOpThreads, boolean cpuArena, boolean spinning) {

    /** ONNX Runtime's graph optimisation levels. */
    public enum Optimization {
        /** No rewriting: the graph runs as stored. */
        NONE,
        /** Constant folding and redundant-node removal. */
        BASIC,
        /** Also fusions such as GELU, LayerNorm and attention. */
        EXTENDED,
        /** Also layout changes (NCHWc) for the CPU. */
        ALL
    }

    public SessionTuning {
        if (optimization == null) {
            throw new IllegalArgumentException("optimization must not be null");
        }
        if (interOpThreads < 1) {
            throw new IllegalArgumentException("interOpThreads must be >= 1, got " + interOpThreads);
        }
    }

    /** Every optimisation, sequential operators, the arena on, no spinning. */
    public static SessionTuning defaults() {
        return new SessionTuning(Optimization.ALL, 1, true, false);
    }

    /** These settings with another optimisation level. */
    public SessionTuning withOptimization(Optimization level) {
        return new SessionTuning(level, interOpThreads, cpuArena, spinning);
    }

    /** These settings with another inter-op thread count. */
    public SessionTuning withInterOpThreads(int threads) {
        return new SessionTuning(optimization, threads, cpuArena, spinning);
    }

    /** These settings with the CPU arena on or off. */
    public SessionTuning withCpuArena(boolean on) {
        return new SessionTuning(optimization, interOpThreads, on, spinning);
    }

    /** These settings with spinning on or off. */
    public SessionTuning withSpinning(boolean on) {
        return new SessionTuning(optimization, interOpThreads, cpuArena, on);
    }

    @Override
    public String toString() {
        return "optimization " + optimization.name().toLowerCase(java.util.Locale.ROOT) + ", inter-op threads "
                + interOpThreads + ", arena " + (cpuArena ? "on" : "off") + ", spinning " + (spinning ? "on" : "off");
    }
}
