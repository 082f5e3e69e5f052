package dev.lookalike.hub;

import static dev.lookalike.hub.ModelUnavailableException.Reason.OFFLINE;

import dev.lookalike.progress.Progress;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.progress.ProgressUnit;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Files from a Hugging Face-style hub, downloaded once into a local cache.
 *
 * <p>A file is fetched from {@code {endpoint}/{repo}/resolve/{revision}/{file}} and kept at
 * {@code <cacheRoot>/<owner>/<name>/<revision>/<file>} (for example
 * {@code ~/.cache/lookalike/models/Xenova/dinov2-base/main/onnx/model.onnx}). A file is at
 * that path only when complete and verified: it is downloaded to {@code <file>.part} beside it
 * (resumed with an HTTP {@code Range} request after a broken connection), checked against the
 * size and sha256 the hub announces, synced to disk and renamed into place atomically.
 * {@code <file>.lock} beside it serialises fetches across threads and processes. A cached file
 * is used as is, without asking the hub whether the revision has moved on.
 *
 * <p>Thread-safe.
 */
public final class ModelHub {

    /** The revision fetched when none is named. */
    public static final String DEFAULT_REVISION = "main";

    /** The task shown while another process downloads the same file, followed by its name. */
    static final String WAITING_FOR_ANOTHER_PROCESS = "waiting for another process downloading ";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final HubSettings settings;
    private final HubClient client;
    private final ProgressReporter progress;

    /** A hub that downloads without showing progress. */
    public ModelHub(HubSettings settings) {
        this(settings, ProgressReporter.silent());
    }

    /** A hub that shows each download's progress with {@code progress}. */
    public ModelHub(HubSettings settings, ProgressReporter progress) {
        this.settings = settings;
        this.client = new HubClient(settings);
        this.progress = progress;
    }

    public HubSettings settings() {
        return settings;
    }

    /** {@link #fetch(String, String, String)} at revision {@link #DEFAULT_REVISION}. */
    public Path fetch(String repo, String file) throws IOException {
        return fetch(repo, DEFAULT_REVISION, file);
    }

    /**
     * The local path of a hub file, downloading it first when it is not in the cache.
     *
     * @param repo     {@code owner/name} (or a bare {@code name})
     * @param revision a branch, tag or commit without {@code /}
     * @param file     the path inside the repo, such as {@code onnx/model.onnx}
     * @throws ModelUnavailableException if the file is not cached and cannot be downloaded
     * @throws IOException               if the cache cannot be written
     * @throws IllegalArgumentException  if a name is malformed
     */
    public Path fetch(String repo, String revision, String file) throws IOException {
        RemoteFile f = remoteFile(repo, revision, file);
        if (Files.isRegularFile(f.target())) {
            return f.target();
        }
        if (settings.offline()) {
            throw f.unavailable(OFFLINE, "not in the cache and HF_HUB_OFFLINE forbids downloading");
        }
        createDirectories(f.target().getParent());
        try (CacheLock lock = lockShowingAnyWait(f)) {
            // Another thread or process may have finished it while we waited for the lock.
            if (!Files.isRegularFile(f.target())) {
                new Download(client, progress).run(f);
            }
        }
        return f.target();
    }

    /** The file's cache lock; while another process holds it (downloading the file), a task says so. */
    private CacheLock lockShowingAnyWait(RemoteFile f) throws IOException {
        CacheLock lock = CacheLock.tryAcquire(f.lock());
        if (lock != null) {
            return lock;
        }
        try (Progress waiting =
                progress.start(WAITING_FOR_ANOTHER_PROCESS + f.target().getFileName(), -1, ProgressUnit.BYTES)) {
            return CacheLock.acquire(f.lock());
        }
    }

    /** Where a hub file is, or would be, in the cache; nothing is checked on disk. */
    public Path cachePath(String repo, String revision, String file) {
        return remoteFile(repo, revision, file).target();
    }

    /** The URL a hub file is downloaded from. */
    public URI url(String repo, String revision, String file) {
        return remoteFile(repo, revision, file).url();
    }

    private RemoteFile remoteFile(String repo, String revision, String file) {
        String[] repoParts = segments("repo", repo);
        if (repoParts.length > 2
                || !Arrays.stream(repoParts).allMatch(p -> NAME.matcher(p).matches())) {
            throw new IllegalArgumentException("repo must be 'owner/name', got: " + repo);
        }
        if (!NAME.matcher(revision).matches()) {
            throw new IllegalArgumentException(
                    "revision must be a branch, tag or commit without '/', got: " + revision);
        }
        String[] fileParts = segments("file", file);
        if (file.endsWith(".part") || file.endsWith(".lock")) {
            throw new IllegalArgumentException(
                    "file names ending in .part or .lock are reserved by the cache: " + file);
        }
        URI url = URI.create(settings.endpoint() + "/" + repo + "/resolve/" + revision + "/"
                + Arrays.stream(fileParts).map(ModelHub::encode).collect(Collectors.joining("/")));
        Path target =
                settings.cacheRoot().resolve(Path.of(repo)).resolve(revision).resolve(Path.of("", fileParts));
        return new RemoteFile(repo, revision, file, url, target);
    }

    /** Splits a relative {@code /}-separated path, refusing empty, {@code .} and {@code ..} parts. */
    private static String[] segments(String what, String path) {
        String[] parts = path.split("/", -1);
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.contains("\\") || part.contains("\0")) {
                throw new IllegalArgumentException(what + " must be a relative path of plain names, got: " + path);
            }
        }
        return parts;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void createDirectories(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw Download.cacheError("cannot create the model cache directory " + dir, e);
        }
    }
}
