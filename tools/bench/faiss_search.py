#!/usr/bin/python3
"""FAISS side of dev.lookalike.bench.SearchBenchmark: exact IndexFlatIP search over the same .npy files.

Usage: /usr/bin/python3 tools/bench/faiss_search.py DIR K SINGLE_QUERIES
Reads DIR/base.npy (n x d) and DIR/queries.npy (m x d), both float32 and L2-normalised.
Times adding the base, SINGLE_QUERIES one-query searches (the first queries, one call each) and
one batch search of all m queries. Writes DIR/faiss_single_ids.npy and DIR/faiss_batch_ids.npy
(float32, exact for ids below 2**24) and prints key=value lines on stdout.
"""
import os
import sys
import time

import faiss
import numpy as np


def main():
    directory, k, single = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    base = np.load(os.path.join(directory, "base.npy"))
    queries = np.load(os.path.join(directory, "queries.npy"))
    print("faiss_version=%s" % faiss.__version__)
    print("omp_threads=%d" % faiss.omp_get_max_threads())
    print("openblas_coretype=%s" % os.environ.get("OPENBLAS_CORETYPE", "(unset)"))
    try:
        from threadpoolctl import threadpool_info
        for pool in threadpool_info():
            print("blas=%s %s %s threads=%s" % (pool.get("internal_api"), pool.get("version"),
                                               pool.get("architecture"), pool.get("num_threads")))
    except ImportError:
        print("blas=(threadpoolctl not installed)")

    start = time.perf_counter()
    index = faiss.IndexFlatIP(base.shape[1])
    index.add(base)
    print("add_s=%.4f" % (time.perf_counter() - start))

    index.search(queries[:2], k)  # warm-up
    latencies, single_ids = [], []
    for i in range(single):
        start = time.perf_counter()
        _, ids = index.search(queries[i:i + 1], k)
        latencies.append(time.perf_counter() - start)
        single_ids.append(ids[0])
    print("single_median_ms=%.3f" % (1000 * float(np.median(latencies))))
    print("single_mean_ms=%.3f" % (1000 * float(np.mean(latencies))))

    start = time.perf_counter()
    _, batch_ids = index.search(queries, k)
    print("batch_s=%.4f" % (time.perf_counter() - start))

    np.save(os.path.join(directory, "faiss_single_ids.npy"), np.array(single_ids, dtype="float32"))
    np.save(os.path.join(directory, "faiss_batch_ids.npy"), batch_ids.astype("float32"))


if __name__ == "__main__":
    main()
