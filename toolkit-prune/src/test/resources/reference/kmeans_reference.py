"""Times scikit-learn's KMeans on the rows KMeansBenchmark wrote and compares the objectives.

    python3 kmeans_reference.py FOLDER D K MAX_ITER

* seeding: `sklearn.cluster.kmeans_plusplus` (greedy k-means++, 2 + log K trials a centre);
* Lloyd: `KMeans(init=<Winnow's seeds>, n_init=1, algorithm='lloyd', tol=0)`, timed per step
  (`n_iter_` steps), so that both start from the same centres;
* total: `KMeans(init='k-means++', n_init=1, algorithm='lloyd', tol=0)`, seeding included.

The objectives compare under KMeans's own measure: Winnow's assignment scored as the sum of squared
Euclidean distances of the (unit) rows to their clusters' means, against `inertia_`.
"""
import sys
import time

import numpy as np
from sklearn.cluster import KMeans, kmeans_plusplus

folder, d, k, max_iter = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
x = np.fromfile(folder + "/x.f64", dtype="<f8").reshape(-1, d)
init = np.fromfile(folder + "/init.f64", dtype="<f8").reshape(-1, d)
java = np.loadtxt(folder + "/java-assignment.txt", dtype=np.int64)


def inertia(labels):
    total = 0.0
    for c in np.unique(labels):
        members = x[labels == c]
        total += ((members - members.mean(axis=0)) ** 2).sum()
    return total


start = time.perf_counter()
kmeans_plusplus(x, k, random_state=0)
print(f"sklearn kmeans_plusplus: {time.perf_counter() - start:.2f} s")

start = time.perf_counter()
same = KMeans(k, init=init, n_init=1, algorithm="lloyd", max_iter=max_iter, tol=0).fit(x)
lloyd = time.perf_counter() - start
print(f"sklearn Lloyd from Winnow's seeds: {lloyd:.2f} s for {same.n_iter_} steps"
      f" ({lloyd / same.n_iter_:.3f} s a step), inertia {same.inertia_:.4f}")

start = time.perf_counter()
full = KMeans(k, init="k-means++", n_init=1, algorithm="lloyd", max_iter=max_iter, tol=0,
              random_state=0).fit(x)
total = time.perf_counter() - start
print(f"sklearn KMeans(init='k-means++'): {total:.2f} s in all, {full.n_iter_} steps,"
      f" inertia {full.inertia_:.4f}")

ours = inertia(java)
print(f"Winnow's assignment under KMeans's measure: {ours:.4f}"
      f" ({100 * (ours / full.inertia_ - 1):+.2f} % against k-means++,"
      f" {100 * (ours / same.inertia_ - 1):+.2f} % against the same seeds)")
