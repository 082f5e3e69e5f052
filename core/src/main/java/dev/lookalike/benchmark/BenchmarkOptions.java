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
 *                  temporary one deleted after the run
 */
public record BenchmarkOptions(int k, int batchSize, int workers, Optional<Path> index) {

    public BenchmarkOptions {
        if (k < 3) {
            throw new IllegalArgumentException("k must be at least 3 (top-3 accuracy needs three candidates), got " + k);
        }
        if (batchSize < 1 || workers < 1) {
            throw new IllegalArgumentException("batch size and workers must be positive: " + batchSize + ", " + workers);
        }
    }

    /** k = 10 as ISC2021's recall@rank10 needs, batches of 16, two decoding threads, a temporary index. */
    public static BenchmarkOptions defaults() {
        return new BenchmarkOptions(10, 16, 2, Optional.empty());
    }
}
