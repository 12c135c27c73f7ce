"""Combinations of the capability questions that cover every pair of answers.

Testing every combination of n yes/no questions takes 2**n generated projects;
covering every pair (each two questions answered yes/yes, yes/no, no/yes and
no/no in at least one project) takes about log2(n) + 2. Rows are chosen
greedily from a seeded random pool, so the set is the same from run to run
for the same questions. The first is always the one that keeps everything:
the template itself. A capability that requires another is only ever
answered yes with it, and pairs that rule forbids are not asked for.

Prints one line per combination: the capabilities left out, space-separated
("-" for none). Run from the template's root: python3 .copier/combinations.py
"""

from __future__ import annotations

import itertools
import random
import sys
import tomllib
from pathlib import Path

Row = dict[str, bool]
POOL_SIZE = 400
SEED = 2026


def allowed(row: Row, requires: dict[str, list[str]]) -> bool:
    return all(
        not row[name] or all(row[needed] for needed in needs) for name, needs in requires.items()
    )


def pairs_of(row: Row) -> set[tuple[str, bool, str, bool]]:
    return {(a, row[a], b, row[b]) for a, b in itertools.combinations(sorted(row), 2)}


def covering_rows(names: list[str], requires: dict[str, list[str]]) -> list[Row]:
    generator = random.Random(SEED)
    every_row = (
        [dict(zip(names, values, strict=True)) for values in itertools.product((True, False), repeat=len(names))]
        if len(names) <= 12
        else [{name: generator.random() < 0.5 for name in names} for _ in range(POOL_SIZE)]
    )
    candidates = [row for row in every_row if allowed(row, requires)]
    wanted = set().union(*(pairs_of(row) for row in candidates))
    # The template itself keeps everything, and its own suites test it.
    everything = dict.fromkeys(names, True)
    chosen: list[Row] = [everything]
    wanted -= pairs_of(everything)
    while wanted:
        best = max(candidates, key=lambda row: (len(pairs_of(row) & wanted), -sum(row.values())))
        chosen.append(best)
        wanted -= pairs_of(best)
    return chosen


def main() -> int:
    manifest = tomllib.loads(Path(".copier/capabilities.toml").read_text())
    names = sorted(manifest)
    requires = {name: list(entry.get("requires", [])) for name, entry in manifest.items()}
    for row in covering_rows(names, requires):
        left_out = [name for name in names if not row[name]]
        print(" ".join(left_out) or "-")
    return 0


if __name__ == "__main__":
    sys.exit(main())
