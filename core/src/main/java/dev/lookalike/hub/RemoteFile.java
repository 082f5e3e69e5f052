package dev.lookalike.hub;

import java.net.URI;
import java.nio.file.Path;

/** One file being fetched: where it lives on the hub and where it goes in the cache. */
record RemoteFile(String repo, String revision, String file, URI url, Path target) {

    /** The partial download beside the target; it becomes the target once complete and verified. */
    Path part() {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /** The lock file that serialises fetches of this file across threads and processes. */
    Path lock() {
        return target.resolveSibling(target.getFileName() + ".lock");
    }

    ModelUnavailableException unavailable(ModelUnavailableException.Reason reason, String detail) {
        return unavailable(reason, detail, null);
    }

    ModelUnavailableException unavailable(ModelUnavailableException.Reason reason, String detail, Throwable cause) {
        return new ModelUnavailableException(repo, file, url, reason, detail, target, cause);
    }
}
