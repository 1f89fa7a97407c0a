"""Times what a Python user would write for the steps ActiveBenchmark times, on a pool of the same
shape (N unit rows of dimension D around 10 × 20 Gaussian blobs, spread 0.7, label = row % 10):

* the linear head: scikit-learn's LogisticRegression(C=10) (Winnow's λ = 0.1) on 100 labels;
* a global MaxEnt round: predict_proba over the whole pool, entropy, argpartition of the top 100;
* an exact SEALS growth step: the k nearest neighbours of the 100 labelled rows, NumPy
  `Q @ X.T` and argpartition (float64, as Winnow computes them);
* a MaxEnt round over those candidates only.

    python3 active_reference.py N D [k]
"""
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression

n, d = int(sys.argv[1]), int(sys.argv[2])
k = int(sys.argv[3]) if len(sys.argv) > 3 else 100
rng = np.random.default_rng(1)
centres = rng.normal(size=(200, d))
labels = np.arange(n) % 10
X = np.empty((n, d))
for a in range(0, n, 100_000):
    b = min(n, a + 100_000)
    blob = labels[a:b] * 20 + rng.integers(20, size=b - a)
    X[a:b] = centres[blob] + 0.7 * rng.normal(size=(b - a, d))
X /= np.linalg.norm(X, axis=1, keepdims=True)
lab = np.arange(100)


def timed(name, f):
    start = time.perf_counter()
    out = f()
    print(f"{name}: {time.perf_counter() - start:.3f} s", flush=True)
    return out


head = timed("fit LogisticRegression(C=10) on 100 labels",
             lambda: LogisticRegression(C=10, max_iter=500).fit(X[lab], labels[lab]))


def entropy_top(rows):
    p = head.predict_proba(X[rows])
    h = -(p * np.log(np.where(p > 0, p, 1))).sum(1)
    return rows[np.argpartition(-h, 99)[:100]]


def global_round():
    p = head.predict_proba(X)
    h = -(p * np.log(np.where(p > 0, p, 1))).sum(1)
    h[lab] = -np.inf
    return np.argpartition(-h, 99)[:100]


for r in range(2):
    timed(f"global MaxEnt round over {n:,} rows (run {r + 1})", global_round)


def knn():
    s = X[lab] @ X.T
    s[np.arange(len(lab)), lab] = -np.inf
    return np.argpartition(-s, k - 1, axis=1)[:, :k]


nn = timed(f"exact k = {k} neighbours of 100 labelled rows", knn)
candidates = np.setdiff1d(np.unique(nn), lab)
timed(f"MaxEnt round over the {len(candidates):,} SEALS candidates", lambda: entropy_top(candidates))
