"""Benchmark reading YAML: the one-pass reader against the previous two-pass one.

Run from the repository root::

    python benchmarks/bench_load.py            # a ~4 MB catalogue, 7 alternating rounds
    python benchmarks/bench_load.py --mb 50    # the size of the issue's report

The catalogue is the built-in ``surabaya`` written out (``onestop.dumps``),
its entries repeated with fresh ids until the text has the size asked for.
Each round times, in turn (alternating, so a busy machine slows all alike):

* ``two-pass``: the reader of the previous release, kept here verbatim in
  spirit: every parse event walked in Python for anchors and duplicate keys,
  then ``yaml.load`` with libyaml's ``CSafeLoader`` parsing the text again;
* ``one-pass``: :func:`onestop._yaml.parse_yaml` (libyaml composes, one walk
  over the nodes finds duplicate keys);
* ``pure``: the same with the pure-Python parser (PyYAML without libyaml);
* ``yaml.load``: plain ``CSafeLoader``, with no check at all (the floor).

It prints the median of each and the ratios, as Markdown.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from typing import Any

import yaml

import onestop
from onestop._yaml import parse_yaml


def catalogue_text(megabytes: float) -> str:
    data = onestop.builtin("surabaya").to_dict()
    target = int(megabytes * 1024 * 1024)
    services = list(data["services"])
    copies = []
    n = 0
    size = len(onestop.dumps(onestop.builtin("surabaya"), "yaml").encode())
    while size * (n + 1) < target:
        n += 1
        copies.extend({**s, "id": f"{s['id']}-{n}"} for s in services)
    # through JSON, so that no two entries share an object (the dumper would alias them)
    data = json.loads(json.dumps({**data, "services": services + copies}))
    return yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)


def two_pass(text: str) -> Any:
    """The previous release's reader: events walked for the checks, then a second parse."""
    stack: list[list[Any]] = []
    problems = []
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            problems.append(event)
        if isinstance(event, yaml.ScalarEvent):
            if stack and stack[-1][0] and stack[-1][1]:
                keys = stack[-1][2]
                if event.value in keys:
                    problems.append(event)
                keys[event.value] = event.start_mark.line
            if stack and stack[-1][0]:
                stack[-1][1] = not stack[-1][1]
        elif isinstance(event, yaml.MappingStartEvent):
            stack.append([True, True, {}])
        elif isinstance(event, yaml.SequenceStartEvent):
            stack.append([False, False, {}])
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            stack.pop()
            if stack and stack[-1][0]:
                stack[-1][1] = not stack[-1][1]
    return yaml.load(text, Loader=yaml.CSafeLoader)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.0, help="size of the YAML text, MB")
    parser.add_argument("--rounds", type=int, default=7, help="alternating rounds")
    args = parser.parse_args()
    text = catalogue_text(args.mb)
    readers = {
        "two-pass": two_pass,
        "one-pass": lambda t: parse_yaml(t)[0],
        "pure": lambda t: parse_yaml(t, pure=True)[0],
        "yaml.load": lambda t: yaml.load(t, Loader=yaml.CSafeLoader),
    }
    expected = two_pass(text)
    for name, read in readers.items():
        assert read(text) == expected, name
    times: dict[str, list[float]] = {name: [] for name in readers}
    for _ in range(args.rounds):
        for name, read in readers.items():
            started = time.perf_counter()
            read(text)
            times[name].append(time.perf_counter() - started)
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"YAML text of {len(text.encode()) / 1e6:.1f} MB, {args.rounds} alternating rounds\n")
    print("| reader | median s | vs two-pass |")
    print("| --- | --- | --- |")
    for name, seconds in median.items():
        print(f"| {name} | {seconds:.3f} | {median['two-pass'] / seconds:.2f}x |")


if __name__ == "__main__":
    main()
