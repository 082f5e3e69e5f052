package dev.lookalike.benchmark;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a {@link CopyDetectionBenchmark} runs.
 *
 * @param k         candidates kept per query, at least 3 (the article's top 3)
 * @param batchSize images per inference call
 * @param workers   threads decoding and preprocessing images
 * @param index     a persistent index of the references, reused and resumed; empty for a
 *                  temporary one deleted after the run; with a background, its vectors are kept
 *                  in a second index beside it, {@code INDEX-background}
 * @param background a background set: every model gets variants learned on it
 */
public record BenchmarkOptions(
        int k, int batchSize, int workers, Optional<Path> index, Optional<BackgroundOptions> background) {

    public BenchmarkOptions {
        if (k < 3) {
            throw new IllegalArgumentException(
                    "k must be at least 3 (top-3 accuracy needs three candidates), got " + k);
        }
        if (batchSize < 1 || workers < 1) {
            throw new IllegalArgumentException(
                    "batch size and workers must be positive: " + batchSize + ", " + workers);
        }
    }

    /** Without a background set. */
    public BenchmarkOptions(int k, int batchSize, int workers, Optional<Path> index) {
        this(k, batchSize, workers, index, Optional.empty());
    }

    /** These options with a background set. */
    public BenchmarkOptions withBackground(BackgroundOptions set) {
        return new BenchmarkOptions(k, batchSize, workers, index, Optional.of(set));
    }

    /** k = 10 as ISC2021's recall@rank10 needs, batches of 16, two decoding threads, a temporary index. */
    public static BenchmarkOptions defaults() {
        return new BenchmarkOptions(10, 16, 2, Optional.empty());
    }
}
