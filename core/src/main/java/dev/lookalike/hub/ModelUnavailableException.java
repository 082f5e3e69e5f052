package dev.lookalike.hub;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * A model file that is not in the cache and cannot be downloaded. The message is one line:
 * the repo and file, what went wrong, the URL tried and the ways out. The CLI exits with 3.
 */
public class ModelUnavailableException extends IOException {

    /** Why the file could not be had. */
    public enum Reason {
        /** The hub answered 404. */
        NOT_FOUND,
        /** The hub answered 401 or 403: the repo is gated or private, or the token was refused. */
        NEEDS_TOKEN,
        /** No answer: connection refused, unknown host, timeout or another network error. */
        UNREACHABLE,
        /** The connection broke or the body ended early; the partial file is kept for resuming. */
        INCOMPLETE,
        /** The content does not match the size or sha256 the hub announced; it was deleted. */
        CHECKSUM_MISMATCH,
        /** Offline mode is on and the file is not in the cache; nothing was requested. */
        OFFLINE,
        /** An unexpected HTTP status or a malformed answer. */
        BAD_RESPONSE
    }

    private final String repo;
    private final String file;
    private final URI url;
    private final Reason reason;

    /**
     * @param detail    what went wrong, in a few words (for example {@code "not found (HTTP 404)"})
     * @param cachePath where the file would be in the cache, named as a way out
     */
    public ModelUnavailableException(
            String repo, String file, URI url, Reason reason, String detail, Path cachePath, Throwable cause) {
        super(
                repo + "/" + file + ": " + detail + " (" + url + "); ways out: set HF_ENDPOINT to a mirror, "
                        + "use --model-dir DIR with a local copy, or put the file at " + cachePath,
                cause);
        this.repo = repo;
        this.file = file;
        this.url = url;
        this.reason = reason;
    }

    /** The hub repository, such as {@code Xenova/clip-vit-base-patch32}. */
    public String repo() {
        return repo;
    }

    /** The file inside the repository, such as {@code onnx/vision_model.onnx}. */
    public String file() {
        return file;
    }

    /** The URL tried (or that would have been tried, when offline). */
    public URI url() {
        return url;
    }

    /** Why the file could not be had. */
    public Reason reason() {
        return reason;
    }
}
