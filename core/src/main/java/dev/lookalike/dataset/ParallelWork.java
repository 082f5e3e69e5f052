package dev.lookalike.dataset;

import dev.lookalike.progress.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs numbered tasks on a few threads and returns their results in number order, so the output
 * never depends on which thread finished first. Progress is stepped on the calling thread.
 */
final class ParallelWork {

    /** One numbered task. */
    @FunctionalInterface
    interface Task<T> {
        T run(int index) throws IOException;
    }

    private ParallelWork() {}

    /**
     * Runs {@code task} for 0..count-1 on {@code workers} threads. The first failure cancels
     * the rest and is rethrown as it was, once no task runs any more.
     */
    static <T> List<T> map(int count, int workers, Task<T> task, Progress progress)
            throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "dataset-worker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletionService<Done<T>> done = new ExecutorCompletionService<>(pool);
            for (int i = 0; i < count; i++) {
                int index = i;
                done.submit(() -> new Done<>(index, task.run(index)));
            }
            List<T> results = new ArrayList<>(Collections.nCopies(count, null));
            for (int i = 0; i < count; i++) {
                Done<T> result = take(done);
                results.set(result.index, result.value);
                progress.step(1);
            }
            return results;
        } finally {
            pool.shutdownNow();
            // After a failure, let running tasks end before the caller removes the folder they write to.
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    private static <T> Done<T> take(CompletionService<Done<T>> done) throws IOException, InterruptedException {
        Future<Done<T>> next = done.take();
        try {
            return next.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    private record Done<T>(int index, T value) {}
}
