#!/usr/bin/python3
"""FAISS side of dev.lookalike.bench.SelfJoinBenchmark: range_search of IndexFlatIP against itself.

Usage: /usr/bin/python3 tools/bench/faiss_range.py BASE.npy THRESHOLD QUERIES OUT.npy
Reads BASE.npy (n x d float32, L2-normalised), adds it to an IndexFlatIP and times one
range_search of its first QUERIES rows (all n for the full self-join) with radius THRESHOLD
(FAISS keeps inner products strictly above the radius). Writes the pairs (i, j) with i < j as
OUT.npy: a float32 array (pairs x 3) of i, j (exact below 2**24) and the inner product, and prints
key=value lines on stdout.
"""
import os
import sys
import time

import faiss
import numpy as np


def main():
    base_file, threshold, queries, out = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    base = np.load(base_file, mmap_mode="r")
    print("faiss_version=%s" % faiss.__version__)
    print("omp_threads=%d" % faiss.omp_get_max_threads())
    print("ld_library_path=%s" % os.environ.get("LD_LIBRARY_PATH", "(unset)"))
    try:
        from threadpoolctl import threadpool_info
        for pool in threadpool_info():
            print("blas=%s %s %s threads=%s" % (pool.get("internal_api"), pool.get("version"),
                                               pool.get("architecture"), pool.get("num_threads")))
    except ImportError:
        print("blas=(threadpoolctl not installed)")
    index = faiss.IndexFlatIP(base.shape[1])
    index.add(np.ascontiguousarray(base))
    start = time.perf_counter()
    lims, distances, ids = index.range_search(np.ascontiguousarray(base[:queries]), threshold)
    print("range_search_s=%.4f" % (time.perf_counter() - start))
    rows = np.repeat(np.arange(queries, dtype=np.int64), np.diff(lims).astype(np.int64))
    ids = ids.astype(np.int64)
    keep = rows < ids
    pairs = np.stack([rows[keep], ids[keep], distances[keep]], axis=1).astype("float32")
    print("pairs=%d" % len(pairs))
    import resource
    print("peak_rss_mib=%.0f" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
    np.save(out, pairs)


if __name__ == "__main__":
    main()
