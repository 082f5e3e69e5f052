package dev.lookalike.hub;

import dev.lookalike.progress.ProgressReporter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs {@link ModelHub#fetch} in a child JVM, to test what two processes sharing a cache do. */
final class FetchInAnotherProcess {

    private static final String STARTED = "started";
    private static final String WAITING = "waiting";

    private final Process child;
    private final BufferedReader output;

    private FetchInAnotherProcess(Process child) {
        this.child = child;
        this.output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }

    /** In the child: prints {@value #STARTED}, fetches, prints the path. Args: endpoint, cache root, repo, file. */
    public static void main(String[] args) throws IOException {
        ModelHub hub = new ModelHub(
                new HubSettings(URI.create(args[0]), Optional.empty(), false, Path.of(args[1])),
                (task, done, total, unit) -> {
                    if (task.startsWith(ModelHub.WAITING_FOR_ANOTHER_PROCESS)) {
                        System.out.println(WAITING);
                        System.out.flush();
                    }
                    return ProgressReporter.silent().start(task, done, total, unit);
                });
        System.out.println(STARTED);
        System.out.flush();
        System.out.println(hub.fetch(args[2], args[3]));
    }

    static FetchInAnotherProcess start(URI endpoint, Path cacheRoot, String repo, String file) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        FetchInAnotherProcess.class.getName(),
                        endpoint.toString(),
                        cacheRoot.toString(),
                        repo,
                        file)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new FetchInAnotherProcess(child);
    }

    /** Waits until the child has built its hub and is about to fetch. */
    void awaitStarted() throws IOException {
        String line = output.readLine();
        if (!STARTED.equals(line)) {
            child.destroyForcibly();
            throw new IOException("the child process did not start: " + line);
        }
    }

    /** Waits until the child reports that it waits for the cache lock another process holds. */
    void awaitWaitingForTheLock() throws IOException {
        String line = output.readLine();
        if (!WAITING.equals(line)) {
            child.destroyForcibly();
            throw new IOException("the child process did not wait for the lock: " + line);
        }
    }

    /** The child's fetched path, once it has exited successfully. */
    String result() throws IOException, InterruptedException {
        String line = output.readLine();
        if (!child.waitFor(15, TimeUnit.SECONDS) || child.exitValue() != 0) {
            child.destroyForcibly();
            throw new IOException("the child process failed; its last line: " + line);
        }
        return line;
    }
}
