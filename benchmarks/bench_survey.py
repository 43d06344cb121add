"""Benchmark the satisfaction index on a large survey, and its per-answer check.

Run from the repository root::

    python benchmarks/bench_survey.py              # 100,000 respondents, 5 alternating rounds
    python benchmarks/bench_survey.py --rows 20000

Each round times, in turn (alternating, so a busy machine slows all alike):

* ``check, before``: the per-answer check of the first release, kept here
  verbatim: abstract-class ``isinstance`` tests for every answer;
* ``check, now``: :func:`onestop.survey._answers._answer`, which returns a
  plain ``int`` 1-4 before those tests;
* ``ikm()``: the whole computation on the same rows (checking, sums, exact
  arithmetic, rounding).

It prints the median of each and the ratio of the two checks, as Markdown.
"""

from __future__ import annotations

import argparse
import math
import numbers
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from onestop import survey
from onestop.survey._answers import _answer


def before(value: Any) -> int | str | None:
    """The per-answer check as first released (no fast path)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return f"answer {value!r} is not one of 1, 2, 3, 4"
    if isinstance(value, numbers.Integral):  # noqa: SIM114 (verbatim)
        number = int(value)
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        return f"answer {value!r} is text, not one of 1, 2, 3, 4 (read files with read_csv)"
    else:
        return f"answer {value!r} is not one of 1, 2, 3, 4"
    if number not in (1, 2, 3, 4):
        return f"answer {number} is not one of 1, 2, 3, 4"
    return number


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(1)
    rows = [{e: rng.choice([1, 2, 3, 4, None]) for e in survey.ELEMENTS} for _ in range(args.rows)]
    cells = [value for row in rows for value in row.values()]
    assert [before(v) for v in cells] == [_answer(v) for v in cells]
    times: dict[str, list[float]] = {"check, before": [], "check, now": [], "ikm()": []}
    for _ in range(args.rounds):
        times["check, before"].append(timed(lambda: [before(v) for v in cells]))
        times["check, now"].append(timed(lambda: [_answer(v) for v in cells]))
        times["ikm()"].append(timed(lambda: survey.ikm(rows)))
    median = {name: statistics.median(found) for name, found in times.items()}
    print(f"{args.rows:,} respondents, {len(cells):,} answers, {args.rounds} rounds (median)\n")
    print("| step | seconds |\n| --- | --- |")
    for name, seconds in median.items():
        print(f"| {name} | {seconds:.3f} |")
    print(f"\ncheck before / now: {median['check, before'] / median['check, now']:.2f}x")


if __name__ == "__main__":
    main()
