"""Many files in one command (``solve`` and ``check``), and the options that run work in parallel.

``gametrust solve A.yaml B.yaml ...`` writes, for text and Markdown, each
file's report under a header line ``==> FILE <==``; for ``--format json`` one
JSON document per line (JSON Lines), ``{"file": FILE, "result": {...}}`` — the
result as ``gametrust solve FILE --format json`` writes it — or, for a file
that could not be done, ``{"file": FILE, "error": "...", "exit_code": 2}``;
with ``--array`` one JSON array of those documents instead.  A bad file is
reported (one located ``error:`` line on standard error) and the others are
still done.  ``gametrust check A.yaml B.yaml ...`` does the same with check
reports and ends with a summary line (on standard error for JSON).

The exit code of a batch is the largest of its files' codes: 0 every file
done (and, for ``check``, every claim holds), 1 a claim fails (``check``) or a
solver failed, 2 some input was bad.

``--workers N`` runs the parallel parts on N local processes and
``--scheduler tcp://HOST:PORT`` on an existing Dask cluster
(:func:`gametrust.analysis.parallel.open_executor`; docs/scale.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import click

from ..core.errors import GametrustError, InputError, Location
from .errors import EXIT_CLAIM_FAILED, EXIT_OK, error_line, exit_code, naming_file
from .options import load_scenario
from .progress import working_on

__all__ = ["array_option", "check_files", "parallel_options", "solve_files"]


def parallel_options(command: Any) -> Any:
    """``--workers N`` and ``--scheduler ADDRESS``."""
    command = click.option(
        "--scheduler", metavar="tcp://HOST:PORT", default=None,
        help="Run the parallel parts on an existing Dask cluster (needs pip install "
        "'gametrust[dask]'; docs/scale.md). Results are the serial ones.",
    )(command)
    return click.option(
        "--workers", type=click.IntRange(min=1), default=None, metavar="N",
        help="Run the parallel parts (the cells of a map, the claims of a check, the files "
        "of a batch) on N local processes. Results are the serial ones.",
    )(command)


def array_option(command: Any) -> Any:
    return click.option(
        "--array", is_flag=True,
        help="Several files with --format json: one JSON array instead of one document per "
        "line.",
    )(command)


def _load_all(files: Sequence[str]) -> tuple[list[tuple[str, Any]], dict[str, InputError]]:
    """The scenarios that load, in order, and the error of each file that does not."""
    loaded, errors = [], {}
    for file in files:
        try:
            with working_on(file):
                loaded.append((file, load_scenario(file)))
        except InputError as exc:
            errors[file] = exc
    return loaded, errors


def _emit(
    files: Sequence[str],
    outcomes: dict[str, Any],
    fmt: str,
    array: bool,
    render: Callable[[str, Any], tuple[str, Any]],
) -> list[int]:
    """Print each file's outcome in file order; the exit code of each file.

    ``render(file, value)`` gives the text of a report and its JSON value.
    """
    codes, documents = [], []
    for file in files:
        value = outcomes[file]
        if isinstance(value, BaseException):
            error = naming_file(value, file) if isinstance(value, InputError) else value
            if isinstance(error, GametrustError) and error.location.file is None:
                line = f"error: {file}: {' '.join(str(error).split())}"
            else:
                line = error_line(error) or ""
            click.echo(line, err=True)
            code = exit_code(error)
            documents.append({"file": file, "error": line.removeprefix("error: "),
                              "exit_code": code})
            codes.append(code)
            if fmt == "json" and not array:
                click.echo(json.dumps(documents.pop(), ensure_ascii=False))
            continue
        text, data = render(file, value)
        code = EXIT_CLAIM_FAILED if not getattr(value, "ok", True) else EXIT_OK
        codes.append(code)
        if fmt == "json":
            documents.append({"file": file, "result": data})
            if not array:
                click.echo(json.dumps(documents.pop(), ensure_ascii=False))
        else:
            click.echo(f"==> {file} <==")
            click.echo(text, nl=not text.endswith("\n"))
            click.echo()
    if fmt == "json" and array:
        click.echo(json.dumps(documents, indent=2, ensure_ascii=False))
    return codes


def solve_files(
    files: Sequence[str], fmt: str, array: bool, executor: Any, options: dict[str, Any]
) -> int:
    """``gametrust solve FILE...``: every file's report; the batch's exit code."""
    from ..analysis.batch import analyse_many
    from ..report import render

    loaded, outcomes = _load_all(files)
    with working_on(None):
        reports = analyse_many([s for _, s in loaded], executor, **options)
    outcomes.update({file: r for (file, _), r in zip(loaded, reports, strict=True)})

    def show(file: str, report: Any) -> tuple[str, Any]:
        with working_on(file):
            text = render(report, format=fmt)
        return text, json.loads(text) if fmt == "json" else None

    return max(_emit(files, outcomes, fmt, array, show), default=EXIT_OK)


def check_files(
    files: Sequence[str], fmt: str, array: bool, executor: Any, options: dict[str, Any]
) -> int:
    """``gametrust check FILE...``: every file's check report and a summary line."""
    from ..analysis.batch import check_many

    loaded, outcomes = _load_all(files)
    for file, scenario in loaded:
        if not scenario.claims:
            outcomes[file] = InputError(
                "the scenario states no claims to check (add a claims: section; see "
                "docs/check.md)", Location(file=file))
    todo = [(f, s) for f, s in loaded if f not in outcomes]
    with working_on(None):
        reports = check_many([s for _, s in todo], executor, **options)
    outcomes.update({file: r for (file, _), r in zip(todo, reports, strict=True)})
    codes = _emit(files, outcomes, fmt, array,
                  lambda _file, report: (report.text(), report.to_dict()))
    held = sum(1 for c in codes if c == EXIT_OK)
    failed = sum(1 for f, c in zip(files, codes, strict=True)
                 if c == EXIT_CLAIM_FAILED and not isinstance(outcomes[f], BaseException))
    bad = len(files) - held - failed
    click.echo(f"checked {len(files)} files: {held} hold, {failed} with a failing claim, "
               f"{bad} could not be checked", err=fmt == "json")
    return max(codes, default=EXIT_OK)
