#!/usr/bin/python3
"""Independent references for toolkit-prune's pinned tests (CompleteLinkageReferenceTest,
FiedlerReferenceTest).

Run from this folder with Debian's python3-numpy and python3-scipy:

    /usr/bin/python3 reference.py

The first run writes points.csv (seeded NumPy draws, float32 values written exactly); every run
prints what SciPy and NumPy compute on it, which the Java tests hard-code:

* complete linkage on 1 - cos: fcluster(linkage(pdist(X, 'cosine'), 'complete'), k, 'maxclust'),
  relabelled so that clusters are numbered by their first point (as CompleteLinkageTree.cut does);
* the same on near.csv, 60 x 64 non-negative, nearly parallel rows (ReLU features of a barely
  trained network look like this: 1 - cos between 2e-5 and 2.3e-4), where single-precision dot
  products would already change the partitions;
* SALN, Algorithm 1 of Sharifi, "Optimizing Data Curation through Spectral Analysis and Joint
  Batch Selection (SALN)", 2024, verbatim (scikit-learn's cosine_similarity written out in
  NumPy): the selected indices, sorted.
"""
import os

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist

HERE = os.path.dirname(os.path.abspath(__file__))
POINTS = os.path.join(HERE, "points.csv")
NEAR = os.path.join(HERE, "near.csv")

if not os.path.exists(POINTS):
    rng = np.random.default_rng(2019)
    centres = rng.normal(size=(4, 8))
    x = centres[rng.integers(0, 4, size=40)] + 0.6 * rng.normal(size=(40, 8))
    np.savetxt(POINTS, x.astype(np.float32), fmt="%.9g", delimiter=",")

if not os.path.exists(NEAR):
    rng = np.random.default_rng(2020)
    base = np.abs(rng.normal(size=64))
    centres = base + 0.012 * rng.normal(size=(5, 64))
    near = centres[rng.integers(0, 5, size=60)] + 0.006 * rng.normal(size=(60, 64))
    np.savetxt(NEAR, np.maximum(near, 0).astype(np.float32), fmt="%.9g", delimiter=",")

x = np.loadtxt(POINTS, delimiter=",", dtype=np.float32).astype(np.float64)


def first_point_labels(labels):
    seen = {}
    return [seen.setdefault(l, len(seen)) for l in labels]


def partitions(points, ks):
    z = linkage(pdist(points, "cosine"), "complete")
    d = np.sort(pdist(points, "cosine"))
    print("smallest gap between distinct pairwise distances:", np.min(np.diff(d)))
    print("smallest gap between merge heights:", np.min(np.diff(z[:, 2])))
    for k in ks:
        labels = fcluster(z, k, "maxclust")
        assert len(set(labels)) == k
        print(f"k={k}:", ", ".join(map(str, first_point_labels(labels))))


# Near k = n, maxclust can return fewer than k clusters (k = 39 gives 38 here), so only cuts
# where SciPy returns exactly k clusters are pinned.
print("points.csv")
partitions(x, (1, 5, 12, 20, 36))
print("near.csv")
partitions(np.loadtxt(NEAR, delimiter=",", dtype=np.float32).astype(np.float64), (5, 10, 20, 30, 45, 54))


def joint_batch_sampling(batch, filter_ratio):
    n_images = batch.shape[0]
    n_draws = int(n_images * (1 - filter_ratio))
    unit = batch / np.linalg.norm(batch, axis=1, keepdims=True)
    similarity_matrix = unit @ unit.T
    degree_matrix = np.diag(similarity_matrix.sum(axis=1))
    laplacian_matrix = degree_matrix - similarity_matrix
    eigenvalues, eigenvectors = np.linalg.eigh(laplacian_matrix)
    fiedler_vector = eigenvectors[:, 1]
    print(f"  eigenvalues 1-3: {eigenvalues[:3]}")
    return np.sort(np.argsort(np.abs(fiedler_vector))[-n_draws:]), np.sort(np.abs(fiedler_vector))


for rows, ratio in ((40, 0.5), (40, 0.8), (24, 0.25)):
    chosen, absolute = joint_batch_sampling(x[:rows], ratio)
    print(f"saln rows={rows} filter_ratio={ratio}:", ", ".join(map(str, chosen)))
    print("  smallest gap between sorted |fiedler| entries:", np.min(np.diff(absolute)))
