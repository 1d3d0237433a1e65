"""Time to read every shipped scenario's YAML: libyaml's parser against the pure-Python one.

Usage::

    python benchmarks/bench_yaml.py [--repeats 20]

Reads each ``scenarios/*.yaml`` with :func:`gametrust.formats.yamlsource.load_yaml`
(text to plain data and source map, every limit checked) once with
``PARSER = "c"`` (libyaml's scanner and parser, PyYAML's composer) and once with
``PARSER = "python"`` (PyYAML's pure-Python parser), alternating, and prints the
median of ``--repeats`` rounds of each, their ratio, and for reference PyYAML's
own ``yaml.safe_load`` with ``SafeLoader`` and with the all-C ``CSafeLoader``
(no positions, no limits), and the whole of :func:`gametrust.load` (the
scenario read and checked too) with either parser.  The load average is printed beside the figures:
on a busy machine compare the ratio, not the milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import yaml

import gametrust
from gametrust.formats import yamlsource

ROOT = Path(__file__).resolve().parent.parent


def _round(read: Callable[[str], object], texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        read(text)
    return time.perf_counter() - start


def _with(parser: str) -> Callable[[str], object]:
    def read(text: str) -> object:
        yamlsource.PARSER = parser
        return yamlsource.load_yaml(text, "scenario.yaml")

    return read


def _load_with(parser: str) -> Callable[[str], object]:
    def read(path: str) -> object:
        yamlsource.PARSER = parser
        return gametrust.load(path)

    return read


def main() -> None:
    """Print the medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "scenarios").glob("*.yaml"))]
    readers: dict[str, Callable[[str], object]] = {
        "load_yaml, libyaml parser (c)": _with("c"),
        "load_yaml, pure-Python parser": _with("python"),
        "yaml.load SafeLoader (reference)": lambda t: yaml.load(t, Loader=yaml.SafeLoader),
    }
    if yamlsource.CParser is None:
        del readers["load_yaml, libyaml parser (c)"]
    else:
        readers["yaml.load CSafeLoader (reference)"] = (
            lambda t: yaml.load(t, Loader=yaml.CSafeLoader))
    paths = [str(p) for p in sorted((ROOT / "scenarios").glob("*.yaml"))]
    loaders = {"gametrust.load, libyaml parser (c)": _load_with("c"),
               "gametrust.load, pure-Python parser": _load_with("python")}
    if yamlsource.CParser is None:
        del loaders["gametrust.load, libyaml parser (c)"]
    times: dict[str, list[float]] = {name: [] for name in [*readers, *loaders]}
    for _ in range(args.repeats):
        for name, read in readers.items():
            times[name].append(_round(read, texts))
        for name, read in loaders.items():
            times[name].append(_round(read, paths))
    yamlsource.PARSER = "c" if yamlsource.CParser is not None else "python"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{len(texts)} scenarios, {sum(map(len, texts)):,} characters; "
          f"median of {args.repeats} rounds; load average {load}")
    medians = {name: statistics.median(t) for name, t in times.items()}
    for name, seconds in medians.items():
        print(f"  {name:36s} {1000 * seconds:8.1f} ms")
    if "load_yaml, libyaml parser (c)" in medians:
        ratio = medians["load_yaml, pure-Python parser"] / medians["load_yaml, libyaml parser (c)"]
        print(f"  libyaml parser is {ratio:.1f}x faster")


if __name__ == "__main__":
    main()
