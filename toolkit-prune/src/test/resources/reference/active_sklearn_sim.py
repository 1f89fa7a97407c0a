"""An independent pool-based active-learning simulation in scikit-learn, to check that what
`winnow active simulate` measures on an embeddings file is a property of the data, not of
Winnow's code: unit embeddings, 20 % of each class held out (or the given test file), class-
balanced initial labels, a multinomial LogisticRegression(C) head, top-b MaxEnt / ID (beta) /
margin / random acquisition, 3 trials. Prints the mean test accuracy (%) per round.

    /usr/bin/python3 active_sklearn_sim.py EMB.h5 [--features unit|standard|centred] [--C 10]
        [--initial 100] [--budget 100] [--rounds 10] [--beta 1] [--diverse 0]
        [--exclude INDICES.txt --test TEST.h5] [--strategies random,maxent,id,margin] [--balanced]

--diverse m: take the top m*b by score, k-means them into b clusters (weighted by score) and label
the best of each cluster (Zhdanov, "Diverse mini-batch active learning", 2019).
--exclude/--test: drop the given row indices from the pool (e.g. the images the embedding network
was trained on) and measure on another file (e.g. the dataset's test split).
--balanced: weight the head's loss by inverse class frequency (class_weight="balanced"), against
the class skew that uncertainty sampling gives the labelled set.
"""
import argparse
import warnings

import h5py
import numpy as np
from sklearn.cluster import KMeans
from sklearn.linear_model import LogisticRegression

warnings.filterwarnings("ignore")
p = argparse.ArgumentParser()
p.add_argument("emb")
p.add_argument("--features", default="unit")
p.add_argument("--C", type=float, default=10)
p.add_argument("--initial", type=int, default=100)
p.add_argument("--budget", type=int, default=100)
p.add_argument("--rounds", type=int, default=10)
p.add_argument("--beta", type=float, default=1)
p.add_argument("--diverse", type=int, default=0)
p.add_argument("--exclude")
p.add_argument("--test")
p.add_argument("--strategies", default="random,maxent,id,margin")
p.add_argument("--balanced", action="store_true")
a = p.parse_args()


def unit_rows(path):
    f = h5py.File(path, "r")
    x = np.asarray(f["embeddings"], dtype=np.float64)
    return x / np.linalg.norm(x, axis=1, keepdims=True), np.asarray(f["labels"])


U, y = unit_rows(a.emb)
n = len(y)
classes = int(y.max()) + 1
if a.test:
    Ut, yt = unit_rows(a.test)
    mask = np.ones(n, bool)
    if a.exclude:
        mask[np.loadtxt(a.exclude, dtype=int)] = False
    U, y = np.vstack([U, Ut]), np.concatenate([y, yt])
    pool, test = np.where(mask)[0], np.arange(n, len(y))
else:
    held = np.zeros(n, bool)
    rng = np.random.default_rng(0)
    for c in range(classes):
        idx = np.where(y == c)[0]
        held[rng.choice(idx, len(idx) // 5, replace=False)] = True
    pool, test = np.where(~held)[0], np.where(held)[0]
F = U.copy()
if a.features == "standard":
    F = (U - U[pool].mean(0)) / (U[pool].std(0) + 1e-8)
elif a.features == "centred":
    F = U - U[pool].mean(0)
    F /= np.linalg.norm(F, axis=1, keepdims=True)
density = U @ U[pool].mean(0)  # mean cosine to the pool, in linear time

for strategy in a.strategies.split(","):
    curves = []
    for trial in range(3):
        rng = np.random.default_rng(100 + trial)
        labelled = np.concatenate(
            [rng.choice(pool[y[pool] == c], a.initial // classes, replace=False) for c in range(classes)])
        curve = []
        for r in range(a.rounds + 1):
            head = LogisticRegression(C=a.C, max_iter=2000, class_weight="balanced" if a.balanced else None).fit(F[labelled], y[labelled])
            curve.append(100 * (head.predict(F[test]) == y[test]).mean())
            if r == a.rounds:
                break
            free = np.setdiff1d(pool, labelled)
            if strategy == "random":
                pick = rng.choice(free, a.budget, replace=False)
            else:
                prob = head.predict_proba(F[free])
                if strategy == "margin":
                    top2 = np.sort(prob, 1)[:, -2:]
                    score = 1 - (top2[:, 1] - top2[:, 0])
                else:
                    score = -(prob * np.log(np.clip(prob, 1e-12, 1))).sum(1)
                    if strategy == "id":
                        score = score * density[free] ** a.beta
                order = np.argsort(-score, kind="stable")
                if a.diverse:
                    top = order[: a.diverse * a.budget]
                    km = KMeans(a.budget, n_init=1, random_state=trial).fit(U[free[top]], sample_weight=score[top])
                    pick = np.array([free[top[m[np.argmax(score[top][m])]]]
                                     for c in range(a.budget) if len(m := np.where(km.labels_ == c)[0])])
                else:
                    pick = free[order[: a.budget]]
            labelled = np.concatenate([labelled, pick])
        curves.append(curve)
    c = np.array(curves)
    print(f"{strategy:7s} " + " ".join(f"{v:.1f}" for v in c.mean(0)) + f"  (std at the end {c[:, -1].std():.2f})",
          flush=True)
