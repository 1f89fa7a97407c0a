"""Times exact cosine k-nearest neighbours in NumPy and scikit-learn on the rows that
NearestNeighboursBenchmark wrote, and compares their neighbours with the ones it found.

    python3 nn_reference.py FOLDER D k

* NumPy: blocks of 1,024 queries, `Q @ B.T` (float64, the rows are unit), `argpartition` for the
  top k, then a sort of those k by similarity (ties to the lower row, as Winnow breaks them);
* scikit-learn: `NearestNeighbors(metric='cosine', algorithm='brute').kneighbors(Q)`.
"""
import sys
import time

import numpy as np
from sklearn.neighbors import NearestNeighbors

folder, d, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
queries = np.fromfile(folder + "/queries.f64", dtype="<f8").reshape(-1, d)
base = np.fromfile(folder + "/base.f64", dtype="<f8").reshape(-1, d)
java = np.loadtxt(folder + "/java-indices.txt", dtype=np.int64).reshape(len(queries), k)


def numpy_knn(q, b, k, block=1024):
    out = np.empty((len(q), k), dtype=np.int64)
    for a in range(0, len(q), block):
        s = q[a:a + block] @ b.T
        top = np.argpartition(-s, k - 1, axis=1)[:, :k]
        rows = np.arange(len(top))[:, None]
        order = np.lexsort((top, -s[rows, top]), axis=1)
        out[a:a + block] = top[rows, order]
    return out


for name, run in (
    ("numpy", lambda: numpy_knn(queries, base, k)),
    ("sklearn", lambda: NearestNeighbors(n_neighbors=k, metric="cosine", algorithm="brute")
        .fit(base).kneighbors(queries, return_distance=False)),
):
    start = time.perf_counter()
    found = run()
    seconds = time.perf_counter() - start
    same = np.mean(np.all(found == java, axis=1))
    print(f"{name}: {seconds:.2f} s; rows equal to Winnow's: {100 * same:.3f} %")
