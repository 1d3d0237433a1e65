"""Mutated scenario files and command lines, for the fuzz test and the long fuzz run.

A *case* is one mutated input file (text, with the suffix of the file it came
from) and the command lines to run on it.  :func:`make_case` builds one from a
shipped scenario (``scenarios/*.yaml``), a Gambit test fixture
(``tests/fixtures/gambit/*.efg|nfg``) or a shipped scenario exported as
``.nfg``, with a ``random.Random``-like source of choices: a seeded
``random.Random`` in ``tests/fuzz/run.py``, hypothesis's ``randoms()`` in
``tests/fuzz/test_fuzz.py`` (deterministic in CI).

Mutations act on the data (delete a key, swap a value's type, put in a huge,
tiny, odd or non-number value, nest deeply, rename, duplicate, drop list
items, add unknown keys) and on the text (duplicate or drop a line, which
makes duplicated keys and broken indentation; dates, timestamps, base-60 and
octal numbers; unicode; truncation).  Command lines mutate ``--set``,
``--empathy``, ``--from``/``--to`` and ``--grid`` with the same odd values.

>>> import random
>>> case = make_case(random.Random(3), sources())
>>> case.suffix in (".yaml", ".nfg", ".efg") and all(c[0] in COMMANDS for c in case.commands)
True
"""

from __future__ import annotations

import datetime
import random
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent

#: The commands a case runs, each on the mutated file.
COMMANDS = ("validate", "solve", "sweep", "check")

#: Values that have broken readers and solvers: huge, tiny, odd and non-numbers.
ODD_NUMBERS: tuple[Any, ...] = (
    0, -0.0, 1, -1, 2, 10**154, -(10**154), 10**160, -(10**200), 10**999, "1e999", "1e1000",
    "1e-999", "-1e40", "1e154", "1/3", "-2/3", "1/0", "0/0", "1e99999", ".5", "5.", "1_000",
    "0x1F", "0o17", "017", "1:30", "2001-12-14", "2001-12-14 21:59:43", ".inf", "-.inf",
    ".nan", "1e-300", "3.14159265358979323846264338327950288", "123456789" * 12,
)
ODD_VALUES: tuple[Any, ...] = (
    None, True, False, "", " ", "yes", "no", "~", [], {}, [[]], {"a": 1}, "relief",
    "relief^1000", "9^9^9", "(" * 60 + "1" + ")" * 60, "2*x", "é", "\u202e", "\u200b",
    "👍", "a, b", "a: b", "- x", "'", '"', "\\", "%", "&a", "*a", "!!str x", "null",
    datetime.date(2001, 12, 14), 3.5, -1e308, 1e-320,
)
_NUMBER = re.compile(r"(?<![\w.])\d[\w.:/]*")
PARAMETER_VALUES = (
    "1e154", "1e160", "-1e200", "1e999", "1e-999", "0", "-1", "1/3", "2/0", "x", "",
    "2001-12-14", "1:30", "nan", "inf", "1e40", "-1e40", "0.5", "3", "10", "1e1000", "999999",
)


@dataclass
class Case:
    """One mutated input: its text, suffix, where it came from and the commands to run."""

    origin: str
    suffix: str
    text: str
    commands: list[list[str]] = field(default_factory=list)
    mutations: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    """An unmutated input and what its command lines may name."""

    name: str
    suffix: str
    text: str
    players: tuple[str, ...]
    parameters: tuple[str, ...]
    priors: tuple[str, ...]  # PLAYER.TYPE


@cache
def sources() -> tuple[Source, ...]:
    """Every shipped scenario, Gambit test fixture and a few scenarios exported as .nfg."""
    from gametrust.formats.gambit_nfg import write_nfg
    from gametrust.formats.load import load

    out = []
    files = sorted((ROOT / "scenarios").glob("*.yaml"))
    files += sorted((ROOT / "tests" / "fixtures" / "gambit").glob("*.?fg"))
    for path in files:
        scenario = load(path)
        priors = tuple(f"{pid}.{t.name}" for pid, ts in scenario.types.items() for t in ts)
        text = path.read_text(encoding="utf-8")
        source = Source(path.name, path.suffix, text, scenario.player_ids,
                        tuple(scenario.parameters), priors)
        out.append(source)
        if path.suffix == ".yaml" and not scenario.is_tree and not scenario.types:
            nfg = write_nfg(scenario.build(None, None), title=scenario.title)
            out.append(Source(f"{path.stem}.nfg", ".nfg", nfg, scenario.player_ids, (), ()))
    return tuple(out)


# -- data mutations --------------------------------------------------------------------------


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Every key path into nested dicts and lists."""
    out = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for k, value in enumerate(data):
            out += _paths(value, (*prefix, k))
    return out


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def _odd(rng: random.Random) -> Any:
    return rng.choice(ODD_NUMBERS if rng.random() < 0.5 else ODD_VALUES)


def _mutate_data(rng: random.Random, data: Any) -> tuple[Any, str]:
    paths = [p for p in _paths(data) if p]
    if not paths:
        return data, "nothing"
    path = rng.choice(paths)
    parent, key = _get(data, path[:-1]), path[-1]
    value = parent[key]
    kind = rng.choice(("delete", "odd", "odd", "number", "nest", "rename", "duplicate",
                       "unknown", "swap", "scale"))
    if kind == "delete":
        del parent[key]
    elif kind in ("odd", "number"):
        parent[key] = rng.choice(ODD_NUMBERS) if kind == "number" else _odd(rng)
    elif kind == "nest":
        depth = rng.choice((2, 10, 60, 400))
        for _ in range(depth):
            value = [value] if rng.random() < 0.5 else {"x": value}
        parent[key] = value
    elif kind == "rename" and isinstance(parent, dict):
        new = rng.choice((f"{key}_", str(key).upper(), "", " ", "x", "yes", "1", "é",
                          str(key)[:-1]))
        parent[new if new not in parent else f"{new}2"] = parent.pop(key)
    elif kind == "duplicate" and isinstance(parent, list):
        parent.insert(key, value)
    elif kind == "unknown" and isinstance(parent, dict):
        parent[rng.choice(("extra", "payoff", "tree", "types", "beliefs", "signalling",
                           "commitments", "order", "verification"))] = _odd(rng)
    elif kind == "swap":
        other = rng.choice(paths)
        if other[: len(path)] != path and path[: len(other)] != other:
            other_parent, other_key = _get(data, other[:-1]), other[-1]
            parent[key], other_parent[other_key] = other_parent[other_key], value
    elif kind == "scale" and isinstance(value, int | float) and not isinstance(value, bool):
        parent[key] = value * rng.choice((10**150, 10**400, -(10**200), 10**-300))
    return data, f"{kind} {'.'.join(map(str, path))}"


# -- text mutations --------------------------------------------------------------------------


def _mutate_text(rng: random.Random, text: str) -> tuple[str, str]:
    lines = text.splitlines(keepends=True) or ["\n"]
    k = rng.randrange(len(lines))
    kind = rng.choice(("duplicate line", "drop line", "scalar", "scalar", "unicode",
                       "truncate", "indent", "number token"))
    if kind == "duplicate line":
        lines.insert(k, lines[k])
    elif kind == "drop line":
        del lines[k]
    elif kind == "indent":
        lines[k] = rng.choice(("\t", "  ", " ")) + lines[k]
    elif kind == "truncate":
        return text[: rng.randrange(len(text) + 1)], kind
    elif kind == "unicode":
        char = rng.choice(("\u00e9", "\u202e", "\u200b", "\ufeff", "\U0001f44d", "\x00",
                           "\x85", "\u2028", "\x1b[31m", "\ud7ff"))
        at = rng.randrange(len(lines[k]) + 1)
        lines[k] = lines[k][:at] + char + lines[k][at:]
    else:  # replace a number token with an odd scalar
        numbers = list(_NUMBER.finditer(lines[k]))
        if numbers:
            hit = rng.choice(numbers)
            odd = rng.choice(("2001-12-14", "2001-12-14T21:59:43Z", "1:30", "010", "1e999",
                              "0x10", "1e154", "-1e200", ".nan", "1_0"))
            lines[k] = lines[k][: hit.start()] + odd + lines[k][hit.end():]
    return "".join(lines), kind


# -- command lines ---------------------------------------------------------------------------


def _commands(rng: random.Random, source: Source, file: str) -> list[list[str]]:
    players = list(source.players) or ["P1"]
    parameters = list(source.parameters)

    def sets() -> list[str]:
        out: list[str] = []
        if parameters and rng.random() < 0.4:
            out += ["--set", f"{rng.choice(parameters)}={rng.choice(PARAMETER_VALUES)}"]
        return out

    def empathy() -> list[str]:
        if rng.random() < 0.25:
            return ["--empathy", f"{rng.choice(players)}={rng.choice(PARAMETER_VALUES)}"]
        return []

    solve = ["solve", file, *sets(), *empathy()]
    if rng.random() < 0.3:
        solve += ["--format", rng.choice(("json", "markdown", "text"))]
    if rng.random() < 0.1:
        solve += ["--explain"]
    if rng.random() < 0.1:
        solve += ["--method", rng.choice(("pure", "lemke-howson", "enumeration"))]
    axis = rng.choice(["--empathy"] + [f"--param={p}" for p in parameters]
                      + [f"--empathy={p}" for p in players[:2]]
                      + [f"--prior={p}" for p in source.priors])
    sweep = ["sweep", file, *axis.split("=", 1), *sets()]
    if rng.random() < 0.2:
        sweep += ["--from", rng.choice(PARAMETER_VALUES)]
    if rng.random() < 0.2:
        sweep += ["--to", rng.choice(PARAMETER_VALUES)]
    if rng.random() < 0.15:
        sweep += ["--grid", str(rng.choice((2, 3, 11)))]
    if rng.random() < 0.3:
        sweep += ["--format", rng.choice(("json", "csv", "markdown"))]
    check = ["check", file, "--seed", "0", "--examples", str(rng.choice((5, 20)))]
    if rng.random() < 0.2:
        check += ["--no-proof"]
    return [["validate", file], solve, sweep, check]


def make_case(rng: random.Random, pool: tuple[Source, ...], file: str = "FILE") -> Case:
    """A mutated input from ``pool`` and its command lines (``file`` stands for its path)."""
    source = rng.choice(pool)
    case = Case(source.name, source.suffix, source.text)
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        if source.suffix == ".yaml" and rng.random() < 0.6:
            try:
                data = yaml.safe_load(case.text)
            except yaml.YAMLError:
                data = None
            if isinstance(data, dict):
                data, what = _mutate_data(rng, data)
                try:
                    case.text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
                except (RecursionError, yaml.YAMLError):
                    continue
                case.mutations.append(what)
                continue
        case.text, what = _mutate_text(rng, case.text)
        case.mutations.append(what)
    case.commands = _commands(rng, source, file)
    return case
