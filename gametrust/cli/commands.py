"""The commands: ``solve``, ``validate``, ``sweep``, ``check``, ``play`` and ``report``
(``export`` is in :mod:`.export`, ``learn`` and ``qre`` in :mod:`.learning`).

Each parses its options, calls the analysis layer (:mod:`gametrust.analysis.run`
for every kind of scenario) and prints what the report layer renders; none
asks what kind of scenario it has.  Heavy libraries (sympy, nashpy) are
imported only by the commands that need them, so ``gametrust solve`` starts
fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..core import limits
from ..core.errors import InputError, Location
from ..core.version import __version__
from ..report.formats import FORMATS, SWEEP_FORMATS
from ..solvers.solve import METHODS
from .batch import array_option, check_files, parallel_options, solve_files
from .errors import EXIT_CLAIM_FAILED, EXIT_INPUT, Group, error_line
from .options import (
    ALL_PLAYERS,
    build_options,
    exact_option,
    load_scenario,
    none_if_empty,
    pairs,
    shape_text,
    sweep_variables,
)
from .progress import working_on

__all__ = ["check", "cli", "play", "report", "solve", "sweep", "validate"]


@click.group(
    cls=Group,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(
    __version__, "--version", prog_name="gametrust", message="%(prog)s %(version)s"
)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Exact, certified equilibria for games of trust, empathy and conflict.

    A scenario file (YAML, or a Gambit .nfg file) describes the players, their
    actions and payoffs; gametrust computes every equilibrium exactly.

    \b
    Examples:
      gametrust solve scenarios/korea.yaml
      gametrust solve scenarios/korea.yaml --empathy US=1/4 --empathy DPRK=1/4
      gametrust validate scenarios/*.yaml
      gametrust export scenarios/stag_hunt.yaml --to nfg -o stag_hunt.nfg
      gametrust sweep scenarios/korea.yaml --empathy --plot korea.png
      gametrust check scenarios/korea.yaml
      gametrust report scenarios/korea.yaml -o korea.html

    Exit codes: 0 success, 2 bad input, 1 internal error (check: a claim fails).
    """
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False),
                metavar="FILE...")
@build_options
@click.option(
    "--method",
    type=click.Choice(METHODS),
    default="auto",
    show_default=True,
    help="Solver: 'enumeration' finds every extreme equilibrium of a two-player game "
    "exactly; 'pure' every pure equilibrium of any game; 'lemke-howson' one equilibrium; "
    "'support-enumeration' is nashpy's, in floats; 'auto' picks enumeration for two "
    "players, pure otherwise.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output: a text report, JSON (schema: docs/json-output.md) or Markdown.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Also derive, exactly, when each pure profile is an equilibrium, the mixed "
    "equilibrium's probabilities and the trust thresholds, as formulas in the scenario's "
    "parameters and empathy weights (e_PLAYER). Names given with --set/--empathy are "
    "fixed at those values; the others stay symbolic.",
)
@click.option(
    "--update", "update_rule", type=click.Choice(("bayes", "bad_faith")), default=None,
    help="Scenarios with types and beliefs: the belief update rule (overrides beliefs: rule).",
)
@click.option(
    "--rounds", type=click.IntRange(1, 50), default=None,
    help="Scenarios with types: the rounds of belief updating shown (default 3).",
)
@click.option(
    "--plot", "plot_path", type=click.Path(dir_okay=False), metavar="OUT.png|.svg|.pdf",
    default=None,
    help="Scenarios with types and beliefs: also draw the belief over rounds under both "
    "rules; repeated games: the folk-theorem picture (needs matplotlib: pip install "
    "'gametrust[plot]').",
)
@click.option(
    "--budget", type=click.IntRange(1), default=None, metavar="N",
    help="Enumerating all equilibria of a two-player game: search at most N lexicographic "
    "bases per best-response polytope (default 500,000, or GAMETRUST_MAX_ENUMERATION); past "
    "it the equilibria found so far are listed, marked incomplete (docs/limits.md).",
)
@array_option
@parallel_options
@click.pass_context
def solve(
    ctx: click.Context,
    files: tuple[str, ...],
    overrides: dict[str, str],
    empathy: dict[str, str],
    method: str,
    fmt: str,
    explain: bool,
    update_rule: str | None,
    rounds: int | None,
    plot_path: str | None,
    budget: int | None,
    array: bool,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Compute the equilibria of the game in FILE (or of each FILE).

    Every equilibrium printed is certified: no player gains by deviating
    (checked exactly in exact games).  With several files: each report under
    a '==> FILE <==' header, or with --format json one JSON document per line
    (--array: one array); a bad file is reported and the others are done; the
    exit code is the worst file's (0 ok, 1 a solver failed, 2 bad input).

    \b
    Examples:
      gametrust solve scenarios/stag_hunt.yaml
      gametrust solve scenarios/korea.yaml --set relief=5
      gametrust solve scenarios/korea.yaml --empathy US=1/4 --empathy DPRK=1/4
      gametrust solve scenarios/korea.yaml --format json > korea.json
      gametrust solve scenarios/korea.yaml --explain --set relief=4
      gametrust solve scenarios/*.yaml --format json --workers 2 > all.jsonl
    """
    from ..analysis.parallel import open_executor
    from ..analysis.run import analyse
    from ..core.limits import raised
    from ..report import render

    if len(files) > 1 or array:
        if plot_path is not None:
            raise click.UsageError("--plot takes one FILE", ctx)
        options = {"parameters": overrides, "empathy": empathy, "method": method,
                   "explain": explain, "rule": update_rule, "rounds": rounds}
        with open_executor(workers, scheduler) as executor, raised(
            **({} if budget is None else {"enumeration": budget})
        ):
            ctx.exit(solve_files(files, fmt, array, executor, options))
    file = files[0]
    with working_on(file), raised(**({} if budget is None else {"enumeration": budget})):
        scenario = load_scenario(file)
        if plot_path is not None:
            from ..report.plot import check_path, require_matplotlib

            check_path(plot_path)
            require_matplotlib()
        report = analyse(
            scenario, parameters=overrides, empathy=empathy, method=method, explain=explain,
            rule=update_rule, rounds=rounds, plot=plot_path is not None,
        )
        text = render(report, format=fmt)
        draw(report, plot_path)
        click.echo(text)  # inside: after a Ctrl-C that ended the enumeration early, the
        # equilibria found so far are printed, then the command stops (exit 130)
    if plot_path is not None:
        click.echo(f"wrote {plot_path}", err=True)


def draw(value: Any, plot_path: str | None) -> None:
    """Draw ``value`` into ``plot_path`` when one is given (before any output is printed)."""
    if plot_path is not None:
        from ..report.plot import plot

        plot(value, plot_path)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.pass_context
def validate(ctx: click.Context, files: tuple[str, ...]) -> None:
    """Check scenario files without solving them.

    Loads each FILE and builds its game with the default parameter values.
    Prints 'ok: FILE (title; players; shape)' for each good file and one
    'error: ...' line for each bad one; exits with 2 if any file is bad.

    \b
    Examples:
      gametrust validate scenarios/korea.yaml
      gametrust validate scenarios/*.yaml game.nfg
    """
    bad = False
    for file in files:
        try:
            with working_on(file):
                scenario = load_scenario(file)
                game = scenario.build(None, None)
        except InputError as exc:
            bad = True
            click.echo(error_line(exc), err=True)
            continue
        click.echo(
            f"ok: {file} ({scenario.title}; {game.n_players} players; {shape_text(game.shape)})"
        )
    if bad:
        ctx.exit(EXIT_INPUT)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False), required=False, metavar="FILE")
@click.option(
    "--empathy",
    "empathy_axes",
    multiple=True,
    is_flag=False,
    flag_value=ALL_PLAYERS,
    metavar="[PLAYER]",
    help="Sweep empathy. Alone: one common weight for every player. With a player id: "
    "that player's weight (the others as in the file or --fix-empathy). Twice, with two "
    "players: a 2-D map of the two weights. With fehr_schmidt or charness_rabin: a weight "
    "(Row.beta) or a key for every player (beta). Put FILE before it.",
)
@click.option(
    "--param", "params", multiple=True, metavar="NAME",
    help="Sweep the scenario parameter NAME (over its declared range unless --from/--to).",
)
@click.option(
    "--prior", "prior", metavar="PLAYER.TYPE|common",
    help="Sweep the prior that PLAYER is of TYPE (a scenario with types or a signal stage), or "
    "with 'common' (or common.TYPE) a prior common to every player with types, from 0 to 1 "
    "unless --from/--to: the exact prior at which each equilibrium appears or disappears.",
)
@click.option(
    "--from", "lo", metavar="X",
    help="Start of the range, exact (0, 1/4, 2.5). Default: the parameter's declared range, "
    "or 0 for empathy.",
)
@click.option("--to", "hi", metavar="Y", help="End of the range (default: the declared range, "
              "or 1 for empathy).")
@click.option(
    "--grid", type=click.IntRange(min=2), metavar="N",
    help="Also evaluate N evenly spaced points exactly, from the formulas (in the JSON and "
    "CSV; for a map: region ids on an N x N grid).",
)
@click.option(
    "--set", "overrides", multiple=True, metavar="NAME=VALUE", callback=pairs,
    help="Hold a parameter at a value other than its default, e.g. relief=5. Repeatable.",
)
@click.option(
    "--fix-empathy", "fixed_empathy", multiple=True, metavar="PLAYER=WEIGHT", callback=pairs,
    help="Hold a player that is not swept at this empathy weight, e.g. DPRK=1/4. Repeatable.",
)
@click.option(
    "--format", "fmt", type=click.Choice(SWEEP_FORMATS), default="text", show_default=True,
    help="Output: a text report, JSON (schema: docs/sweep.md), CSV or Markdown.",
)
@click.option(
    "--plot", "plot_path", type=click.Path(dir_okay=False), metavar="OUT.png|.svg|.pdf",
    help="Also draw a figure (needs matplotlib: pip install 'gametrust[plot]').",
)
@parallel_options
@click.pass_context
def sweep(
    ctx: click.Context,
    file: str | None,
    empathy_axes: tuple[str, ...],
    params: tuple[str, ...],
    prior: str | None,
    lo: str | None,
    hi: str | None,
    grid: int | None,
    overrides: dict[str, str],
    fixed_empathy: dict[str, str],
    fmt: str,
    plot_path: str | None,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Show exactly how the equilibria of FILE change with empathy or a parameter.

    The range splits at exact breakpoints (rationals, or algebraic numbers)
    into intervals on which the equilibria do not change; for each interval
    the game family, the equilibria with probabilities and payoffs as exact
    functions of the swept value, payoff and risk dominance and the trust
    each side needs; for each breakpoint the game exactly there.

    \b
    Examples:
      gametrust sweep scenarios/korea.yaml --empathy
      gametrust sweep scenarios/korea.yaml --empathy US --fix-empathy DPRK=1/2
      gametrust sweep scenarios/korea.yaml --param relief --format json
      gametrust sweep scenarios/korea.yaml --empathy US --empathy DPRK --plot map.png
      gametrust sweep scenarios/korea.yaml --empathy --grid 101 --format csv > korea.csv
    """
    from ..analysis.parallel import open_executor
    from ..analysis.run import sweep as run_sweep
    from ..report import render_sweep

    if file is None:
        taken = [v for v in empathy_axes if Path(v).is_file()]
        hint = (
            f" (FILE comes before --empathy: gametrust sweep {taken[0]} --empathy)"
            if taken else ""
        )
        raise click.UsageError(f"missing argument FILE{hint}", ctx)
    variable: str | tuple[str, str]
    if prior is not None:
        if empathy_axes or params:
            raise click.UsageError("sweep one of --prior, --empathy or --param", ctx)
        variable = f"prior:{prior}"
    else:
        axes = sweep_variables(ctx, empathy_axes, params)
        variable = axes[0] if len(axes) == 1 else (axes[0], axes[1])
    if grid is not None:
        limits.check("map_grid" if isinstance(variable, tuple) else "grid", grid, "the option",
              Location(path=("--grid",)), verb="asks for")
    if plot_path is not None:
        from ..report.plot import check_path, require_matplotlib

        check_path(plot_path)
        require_matplotlib()
    low, high = exact_option(lo, "--from"), exact_option(hi, "--to")
    weights = {name: exact_option(v, "--fix-empathy", name) for name, v in fixed_empathy.items()}
    with working_on(file), open_executor(workers, scheduler) as executor:
        scenario = load_scenario(file)
        result = run_sweep(
            scenario, variable, low, high, parameters=none_if_empty(overrides),
            empathy=weights or None, grid=grid, executor=executor,
        )
        text = render_sweep(result, fmt, file=file, title=scenario.title, grid=grid)
        draw(result, plot_path)
    click.echo(text, nl=not text.endswith("\n"))
    if plot_path is not None:
        click.echo(f"wrote {plot_path}", err=True)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False),
                metavar="FILE...")
@click.option(
    "--examples", type=click.IntRange(min=1), default=200, show_default=True, metavar="N",
    help="Examples hypothesis tries per claim that cannot be proved exactly.",
)
@click.option(
    "--seed", type=click.IntRange(min=0), metavar="S",
    help="Seed of the search, to reproduce a run (default: a random one, printed).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="Output: a text report or JSON (schema: docs/check.md).",
)
@click.option(
    "--database", type=click.Path(file_okay=False), metavar="DIR",
    help="Keep hypothesis's example database in DIR: counterexamples found are tried first "
    "next time (by default none is kept; a run with a database takes no --seed).",
)
@click.option(
    "--no-proof", is_flag=True,
    help="Search even where a claim could be proved exactly by a sweep.",
)
@array_option
@parallel_options
@click.pass_context
def check(
    ctx: click.Context,
    files: tuple[str, ...],
    examples: int,
    seed: int | None,
    fmt: str,
    database: str | None,
    no_proof: bool,
    array: bool,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Check the claims of FILE (or of each FILE) against its assumptions.

    Each claim is proved exactly where one or two values vary (a parameter, a
    payoff or an empathy weight; or both players' empathy weights), by an
    exact sweep; otherwise hypothesis searches values within the assumptions
    for a counterexample and shrinks the one it finds.  Prints for each claim
    'proved', 'survived' (no counterexample in N examples) or 'FAILED' with
    the values, the equilibria and the game's family there.

    Exit codes: 0 every claim holds, 1 a claim fails (or nothing satisfies
    its conditions), 2 bad input.  Several files: each report in turn (JSON:
    one document per line, or --array), a summary line, and the worst code.

    \b
    Examples:
      gametrust check scenarios/korea.yaml
      gametrust check scenarios/korea.yaml --examples 1000 --seed 7
      gametrust check scenarios/korea.yaml --format json
      gametrust check scenarios/*.yaml --examples 500 --workers 2
    """
    import json

    from ..analysis.check import check as run_check
    from ..analysis.parallel import open_executor

    limits.check("examples", examples, "the option", Location(path=("--examples",)),
                 verb="asks for")
    if len(files) > 1 or array:
        options = {"examples": examples, "seed": seed, "database": database,
                   "prove": not no_proof}
        with open_executor(workers, scheduler) as executor:
            ctx.exit(check_files(files, fmt, array, executor, options))
    file = files[0]
    with working_on(file), open_executor(workers, scheduler) as executor:
        scenario = load_scenario(file)
        if not scenario.claims:
            raise InputError(
                "the scenario states no claims to check (add a claims: section; see "
                "docs/check.md)",
                Location(file=file),
            )
        report = run_check(
            scenario, examples=examples, seed=seed, database=database, prove=not no_proof,
            executor=executor,
        )
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(report.text())
    if not report.ok:
        ctx.exit(EXIT_CLAIM_FAILED)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--strategy", "strategies", multiple=True, metavar="PLAYER=NAME", callback=pairs,
    help="The strategy a player plays (one of its repeated: strategies; default: its first).",
)
@click.option("--rounds", type=click.IntRange(min=1), default=100, show_default=True,
              help="Rounds per run.")
@click.option("--runs", type=click.IntRange(min=1), default=None,
              help="Independent runs (default: 1 without noise, 200 with it).")
@click.option("--noise", metavar="P", default=None,
              help="Noise other than the file's: the chance an action is carried out as another.")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="Seed of the noise.")
@build_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output: text or JSON.")
def play(
    file: str, strategies: dict[str, str], rounds: int, runs: int | None, noise: str | None,
    seed: int, overrides: dict[str, str], empathy: dict[str, str], fmt: str,
) -> None:
    """Play two strategies of FILE's repeated: section against each other.

    Reports each player's discounted average payoff over the rounds (with a
    95% confidence interval over runs when there is noise) beside the exact
    value of the infinitely repeated game (docs/repeated.md).

    \b
    Examples:
      gametrust play scenarios/korea_repeated.yaml --strategy US=grim --strategy DPRK=grim
      gametrust play scenarios/korea_repeated.yaml --noise 1/20 --seed 7
    """
    from ..analysis.repeated_play import play as run_play
    from ..report.repeated import render_play

    with working_on(file):
        scenario = load_scenario(file)
        result = run_play(
            scenario, strategies, rounds=rounds, runs=runs, seed=seed,
            noise=None if noise is None else exact_option(noise, "--noise"),
            parameters=none_if_empty(overrides), empathy=none_if_empty(empathy),
        )
    click.echo(render_play(result, fmt))


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@build_options
@click.option(
    "-o", "--output", "output", type=click.Path(dir_okay=False), required=True,
    metavar="PAGE.html", help="Where to write the page ('-': standard output).",
)
def report(file: str, overrides: dict[str, str], empathy: dict[str, str], output: str) -> None:
    """Write a page to share: one self-contained HTML file with sliders.

    The page shows the payoff table, the family, the equilibria and the trust
    thresholds of FILE, with sliders for empathy (common and per player) and
    for each parameter with a declared range; moving one updates everything
    from the exact sweep embedded in the page (exact arithmetic in the
    browser).  No server, no network: it works offline, as an attachment.
    --set and --empathy change where the sliders start.

    \b
    Examples:
      gametrust report scenarios/korea.yaml -o korea.html
      gametrust report scenarios/korea.yaml --set relief=5 -o korea-relief5.html
    """
    from ..report.page import report_page

    with working_on(file):
        scenario = load_scenario(file)
        page = report_page(scenario, parameters=overrides, empathy=empathy)
    if output == "-":
        click.echo(page, nl=False)
        return
    try:
        Path(output).write_text(page, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", Location(file=output)) from None
    click.echo(f"wrote {output}", err=True)
