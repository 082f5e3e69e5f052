package dev.lookalike.embed;

import java.nio.file.Path;

/**
 * A model could not be loaded or run: the message names the model file and the problem.
 *
 * <p>Unchecked on purpose: it signals a broken model or runtime, which no caller can repair
 * per image, and embedding runs inside batch pipelines and lambdas where a checked exception
 * would only be wrapped again. Applications catch it once, at the top (the CLI maps it to an
 * exit code).
 */
public class EmbeddingException extends RuntimeException {

    private final Path modelFile;

    public EmbeddingException(Path modelFile, String problem) {
        this(modelFile, problem, null);
    }

    public EmbeddingException(Path modelFile, String problem, Throwable cause) {
        super(modelFile + ": " + problem, cause);
        this.modelFile = modelFile;
    }

    /** The model file concerned. */
    public Path modelFile() {
        return modelFile;
    }
}
