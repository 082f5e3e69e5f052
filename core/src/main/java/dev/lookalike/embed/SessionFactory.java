package dev.lookalike.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;

/** Opens an ONNX Runtime session with the threads and execution provider that options ask for. */
final class SessionFactory {

    /** A session and the device it runs on (CPU or CUDA). */
    record OpenSession(OrtSession session, Device device) {}

    private final OrtEnvironment env;
    private final Path modelFile;
    private final EmbedderOptions options;

    SessionFactory(OrtEnvironment env, Path modelFile, EmbedderOptions options) {
        this.env = env;
        this.modelFile = modelFile;
        this.options = options;
    }

    OpenSession open() {
        try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions()) {
            tune(sessionOptions, options.tuning());
            if (options.intraOpThreads() > 0) {
                sessionOptions.setIntraOpNumThreads(options.intraOpThreads());
            }
            Device device = selectDevice(sessionOptions);
            return new OpenSession(env.createSession(modelFile.toString(), sessionOptions), device);
        } catch (OrtException e) {
            throw new EmbeddingException(modelFile, "cannot load the ONNX model: " + e.getMessage(), e);
        }
    }

    private static void tune(OrtSession.SessionOptions sessionOptions, SessionTuning tuning) throws OrtException {
        sessionOptions.setOptimizationLevel(
                switch (tuning.optimization()) {
                    case NONE -> OrtSession.SessionOptions.OptLevel.NO_OPT;
                    case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
                    case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
                    case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
                });
        if (tuning.interOpThreads() > 1) {
            sessionOptions.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.PARALLEL);
            sessionOptions.setInterOpNumThreads(tuning.interOpThreads());
        }
        sessionOptions.setCPUArenaAllocator(tuning.cpuArena());
        // Worker threads decode images while inference runs: spinning ONNX Runtime threads would
        // take the cores they need and stall the next batch.
        sessionOptions.addConfigEntry("session.intra_op.allow_spinning", tuning.spinning() ? "1" : "0");
        sessionOptions.addConfigEntry("session.inter_op.allow_spinning", tuning.spinning() ? "1" : "0");
    }

    private Device selectDevice(OrtSession.SessionOptions sessionOptions) {
        boolean cudaBuilt = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        return switch (options.device()) {
            case CPU -> Device.CPU;
            case CUDA -> {
                if (!cudaBuilt) {
                    throw new EmbeddingException(
                            modelFile,
                            "device CUDA requested, but this ONNX Runtime build has"
                                    + " no CUDA execution provider (available: "
                                    + OrtEnvironment.getAvailableProviders()
                                    + "); build with the onnxruntime_gpu artifact (mvn -Pgpu) or use device cpu/auto");
                }
                addCuda(sessionOptions);
                yield Device.CUDA;
            }
            case AUTO -> cudaBuilt && tryAddCuda(sessionOptions) ? Device.CUDA : Device.CPU;
        };
    }

    private void addCuda(OrtSession.SessionOptions sessionOptions) {
        try {
            sessionOptions.addCUDA();
        } catch (OrtException e) {
            throw new EmbeddingException(
                    modelFile,
                    "the CUDA execution provider failed to start (driver, CUDA 12" + " and cuDNN 9 libraries needed): "
                            + e.getMessage(),
                    e);
        }
    }

    // AUTO falls back to the CPU when the GPU build finds no usable GPU.
    private static boolean tryAddCuda(OrtSession.SessionOptions sessionOptions) {
        try {
            sessionOptions.addCUDA();
            return true;
        } catch (OrtException e) {
            return false;
        }
    }
}
