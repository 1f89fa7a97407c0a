"""Summarises a `winnow active simulate` rounds.csv for BENCHMARKS.md: mean test accuracy (%) per
learner and round over the trials; each learner's gap to global MaxEnt per round; and per learner
the share of the pool scored and the selection time per round (rounds 1 and later).

    python3 active_summary.py ROUNDS.csv POOL_SIZE
"""
import csv
import statistics
import sys
from collections import defaultdict

rows = list(csv.DictReader(open(sys.argv[1])))
pool = int(sys.argv[2])
acc = defaultdict(list)
scored = defaultdict(list)
select = defaultdict(list)
labelled = {}
for r in rows:
    key = (r["strategy"], r["pool"])
    acc[key, int(r["round"])].append(100 * float(r["test_acc"]))
    labelled[int(r["round"])] = int(r["labelled"])
    if int(r["round"]) > 0:
        scored[key].append(int(r["candidates_scored"]))
        select[key].append(float(r["select_seconds"]))
learners = list(dict.fromkeys((r["strategy"], r["pool"]) for r in rows))
rounds = sorted(labelled)
print("| learner | " + " | ".join(f"{labelled[r]:,}" for r in rounds) + " |")
print("|---|" + "---|" * len(rounds))
for l in learners:
    cells = []
    for r in rounds:
        a = acc[l, r]
        sd = statistics.stdev(a) if len(a) > 1 else 0
        cells.append(f"{statistics.mean(a):.1f} ± {sd:.1f}")
    print(f"| {l[0]}/{l[1]} | " + " | ".join(cells) + " |")
print()
base = ("maxent", "all")
if any(l == base for l in learners):
    print("| learner | gap to maxent/all per round (points) | worst | pool scored per round | select s per round |")
    print("|---|---|---|---|---|")
    for l in learners:
        gaps = [statistics.mean(acc[l, r]) - statistics.mean(acc[base, r]) for r in rounds]
        print(f"| {l[0]}/{l[1]} | " + " ".join(f"{g:+.1f}" for g in gaps)
              + f" | {min(gaps):+.1f} | {100 * statistics.mean(scored[l]) / pool:.1f} %"
              + f" | {statistics.mean(select[l]):.3f} |")
