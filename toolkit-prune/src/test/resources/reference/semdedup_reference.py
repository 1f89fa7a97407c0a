"""SemDeDup as a user would run it with NumPy and scikit-learn, for BENCHMARKS.md.

The paper's procedure (Abbas et al. 2023, and its released code): k-means on the unit embeddings
(scikit-learn's KMeans, fitted on a seeded sample of max(50000, 50 K) rows as Winnow does, then
every row assigned to its most similar centroid in blocks), each cluster sorted farthest from its
centroid first, its similarity matrix computed whole, and a row dropped when the maximum of its
column of the upper triangle exceeds 1 - eps (any earlier member, kept or not).

Usage: semdedup_reference.py DIR DIM K EPS   (DIR holds x.f32 and original.i32 from
SemDeDupBenchmark). Prints the time of each step and precision/recall against the planted truth:
a removal is right while its planted group still has a member left to count.
"""
import sys
import time

try:
    import numpy as np
    from sklearn.cluster import KMeans
except ImportError:
    sys.exit(3)

folder, dim, k, eps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
x = np.fromfile(folder + "/x.f32", dtype="<f4").reshape(-1, dim)
original = np.fromfile(folder + "/original.i32", dtype="<i4")
n = len(x)
x /= np.linalg.norm(x, axis=1, keepdims=True)

t0 = time.time()
rng = np.random.default_rng(0)
size = min(n, max(50000, 50 * k))
sample = np.sort(rng.choice(n, size, replace=False)) if size < n else np.arange(n)
km = KMeans(n_clusters=k, n_init=1, max_iter=30, random_state=0).fit(x[sample])
c = km.cluster_centers_.astype(np.float32)
c /= np.linalg.norm(c, axis=1, keepdims=True)
assign = np.empty(n, dtype=np.int64)
sim = np.empty(n, dtype=np.float32)
for a in range(0, n, 8192):
    s = x[a:a + 8192] @ c.T
    assign[a:a + 8192] = s.argmax(axis=1)
    sim[a:a + 8192] = s.max(axis=1)
t1 = time.time()

removed = np.zeros(n, dtype=bool)
order = np.argsort(assign, kind="stable")
bounds = np.searchsorted(assign[order], np.arange(k + 1))
largest = 0
for cl in range(k):
    rows = order[bounds[cl]:bounds[cl + 1]]
    if len(rows) < 2:
        continue
    largest = max(largest, len(rows))
    rows = rows[np.argsort(sim[rows], kind="stable")]  # farthest from the centroid first
    u = x[rows]
    m = np.triu(u @ u.T, k=1)
    removed[rows[m.max(axis=0) > 1 - eps]] = True
t2 = time.time()

group = np.where(original >= 0, original, np.arange(n))
sizes = np.bincount(group, minlength=n)
removed_per_group = np.bincount(group[removed], minlength=n)
right = np.minimum(removed_per_group, np.maximum(sizes - 1, 0)).sum()
dups = (original >= 0).sum()
print("numpy/sklearn: k-means %.1f s, scan %.1f s, total %.1f s; largest cluster %d; kept %d;"
      " precision %.5f, recall %.5f" % (t1 - t0, t2 - t1, t2 - t0, largest, n - removed.sum(),
                                        right / max(1, removed.sum()), right / max(1, dups)))
