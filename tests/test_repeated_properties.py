"""Property tests of repeated games, against independent computations at rational discounts.

The analysis computes payoffs as rational functions (linear solves over
pairs of states), Nash sets by comparing every stationary policy, and
subgame-perfect sets by one-shot deviations, then decides signs at certified
roots.  Here, without noise, at a rational δ drawn (or at a threshold found):

* values are recomputed by following the deterministic path of states until
  it cycles and summing the geometric series exactly;
* subgame perfection is the one-shot deviation check at every pair reachable
  after any history, with those values;
* Nash is decided by Howard's policy iteration on the best-response problem
  (exact, with path sums), a different algorithm from policy enumeration.

The profile is reported subgame-perfect (Nash) at δ iff the independent
check says so; subgame-perfect implies Nash.  With implementation noise the
values are recomputed by an exact rational linear solve (not the rational
functions of the analysis) and the one-shot deviations checked with them.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from gametrust.analysis.repeated import profile_report
from gametrust.analysis.repeated_engine import Stage
from gametrust.analysis.repeated_sets import RF
from gametrust.core.linalg import solve_square
from gametrust.model.automaton import BUILTINS, Automaton, builtin, reachable_pairs

ACTIONS = (("C", "D"), ("C", "D"))
PROFILES = list(product(range(2), range(2)))


@st.composite
def automata(draw: st.DrawFn, player: int) -> Automaton:
    """A built-in strategy, or a random automaton with 1 to 3 states, all reachable."""
    if draw(st.booleans()):
        name = draw(st.sampled_from(BUILTINS))
        return builtin(name, player, [(0, 1), (0, 1)], cooperate=(0, 0), defect=(1, 1))
    n = draw(st.integers(1, 3))
    play = tuple(draw(st.integers(0, 1)) for _ in range(n))
    table = tuple({p: draw(st.integers(0, n - 1)) for p in PROFILES} for _ in range(n))
    reached, frontier = {0}, [0]
    while frontier:
        s = frontier.pop()
        for t in table[s].values():
            if t not in reached:
                reached.add(t)
                frontier.append(t)
    keep = sorted(reached)
    index = {s: k for k, s in enumerate(keep)}
    return Automaton("random", player, tuple(f"s{s}" for s in keep),
                     tuple(play[s] for s in keep),
                     tuple({p: index[table[s][p]] for p in PROFILES} for s in keep))


payoff = st.integers(-4, 6)


@st.composite
def games(draw: st.DrawFn) -> dict[tuple[int, int], tuple[int, int]]:
    return {p: (draw(payoff), draw(payoff)) for p in PROFILES}


def path_value(payoffs: dict, step: object, play: object, start: object,
               delta: Fraction, player: int) -> Fraction:
    """(1 - δ) Σ δ^t u_t along the deterministic path from ``start``, summed exactly."""
    seen: dict[object, int] = {}
    stream: list[Fraction] = []
    state = start
    while state not in seen:
        seen[state] = len(stream)
        profile = play(state)  # type: ignore[operator]
        stream.append(Fraction(payoffs[profile][player]))
        state = step(state, profile)  # type: ignore[operator]
    k = seen[state]
    head = sum((delta**t * u for t, u in enumerate(stream[:k])), Fraction(0))
    cycle = sum((delta**t * u for t, u in enumerate(stream[k:])), Fraction(0))
    period = len(stream) - k
    return (1 - delta) * (head + delta**k * cycle / (1 - delta**period))


def pair_value(payoffs: dict, a: Automaton, b: Automaton, pair: tuple[int, int],
               delta: Fraction, player: int) -> Fraction:
    return path_value(payoffs, lambda s, p: (a.step(s[0], p), b.step(s[1], p)),
                      lambda s: (a.play[s[0]], b.play[s[1]]), pair, delta, player)


def independent_spe(payoffs: dict, a: Automaton, b: Automaton, delta: Fraction) -> bool:
    for pair in reachable_pairs(a, b, [(0, 1), (0, 1)]):
        for player in (0, 1):
            own = pair_value(payoffs, a, b, pair, delta, player)
            for action in (0, 1):
                profile = [a.play[pair[0]], b.play[pair[1]]]
                if action == profile[player]:
                    continue
                profile[player] = action
                p = (profile[0], profile[1])
                nxt = (a.step(pair[0], p), b.step(pair[1], p))
                deviation = (1 - delta) * payoffs[p][player] + delta * pair_value(
                    payoffs, a, b, nxt, delta, player)
                if deviation > own:
                    return False
    return True


def best_response_value(payoffs: dict, other: Automaton, player: int,
                        delta: Fraction) -> Fraction:
    """Howard's policy iteration on the other's states, exactly."""
    states = list(range(len(other.states)))

    def profile(mine: int, s: int) -> tuple[int, int]:
        return (mine, other.play[s]) if player == 0 else (other.play[s], mine)

    policy = {s: 0 for s in states}
    while True:
        def value(s: int, pol: dict = policy) -> Fraction:
            return path_value(payoffs, lambda t, p: other.step(t, p),
                              lambda t: profile(pol[t], t), s, delta, player)

        values = {s: value(s) for s in states}
        improved = False
        for s in states:
            best = max((1 - delta) * payoffs[profile(m, s)][player]
                       + delta * values[other.step(s, profile(m, s))] for m in (0, 1))
            current = (1 - delta) * payoffs[profile(policy[s], s)][player] + delta * values[
                other.step(s, profile(policy[s], s))]
            if best > current:
                policy[s] = next(m for m in (0, 1) if (1 - delta) * payoffs[profile(m, s)][
                    player] + delta * values[other.step(s, profile(m, s))] == best)
                improved = True
        if not improved:
            return values[other.initial]


def independent_nash(payoffs: dict, a: Automaton, b: Automaton, delta: Fraction) -> bool:
    start = (a.initial, b.initial)
    return all(
        best_response_value(payoffs, (b, a)[player], player, delta)
        <= pair_value(payoffs, a, b, start, delta, player)
        for player in (0, 1))


def stage(payoffs: dict) -> Stage:
    return Stage(ACTIONS, {p: (RF.constant(u[0]), RF.constant(u[1])) for p, u in payoffs.items()},
                 RF.variable(), RF.constant(0))


deltas = st.fractions(min_value=0, max_value=Fraction(11, 12), max_denominator=12)


@settings(max_examples=60, deadline=None)
@given(games(), automata(0), automata(1), deltas)
def test_reported_sets_agree_with_independent_checks(
    payoffs: dict, a: Automaton, b: Automaton, delta: Fraction
) -> None:
    report = profile_report(stage(payoffs), (a, b), ("A", "B"), "delta")
    # at the drawn δ and at every rational end of the reported sets (thresholds included)
    points = {delta, *(x for s in (report.nash, report.subgame_perfect) for x in s.ends()
                       if isinstance(x, Fraction) and 0 <= x < 1)}
    for x in points:
        spe = report.subgame_perfect.contains(x)
        nash = report.nash.contains(x)
        assert spe == independent_spe(payoffs, a, b, x), (x, report.subgame_perfect)
        assert nash == independent_nash(payoffs, a, b, x), (x, report.nash)
        assert not spe or nash
    start = (a.initial, b.initial)
    for player, name in enumerate(("A", "B")):
        assert report.payoffs[name].at(delta) == pair_value(payoffs, a, b, start, delta, player)


def noisy_values(payoffs: dict, a: Automaton, b: Automaton, delta: Fraction,
                 eps: Fraction) -> dict:
    """Pair values with implementation noise, by an exact rational linear solve."""
    pairs = reachable_pairs(a, b, [(0, 1), (0, 1)])
    index = {p: k for k, p in enumerate(pairs)}

    def chance(meant: tuple[int, int]) -> list[tuple[tuple[int, int], Fraction]]:
        return [((x, y), (1 - eps if x == meant[0] else eps) * (1 - eps if y == meant[1] else eps))
                for x, y in PROFILES]

    matrix, rhs = [], []
    for pair in pairs:
        row = [Fraction(int(pair == q)) for q in pairs]
        reward = [Fraction(0), Fraction(0)]
        for real, p in chance((a.play[pair[0]], b.play[pair[1]])):
            row[index[(a.step(pair[0], real), b.step(pair[1], real))]] -= delta * p
            for k in (0, 1):
                reward[k] += (1 - delta) * p * payoffs[real][k]
        matrix.append(row)
        rhs.append(reward)
    solution = solve_square(matrix, rhs)
    assert solution is not None
    values = {pair: solution[index[pair]] for pair in pairs}

    def deviation(pair: tuple[int, int], player: int, action: int) -> Fraction:
        meant = [a.play[pair[0]], b.play[pair[1]]]
        meant[player] = action
        total = Fraction(0)
        for real, p in chance((meant[0], meant[1])):
            nxt = (a.step(pair[0], real), b.step(pair[1], real))
            total += p * ((1 - delta) * payoffs[real][player] + delta * values[nxt][player])
        return total

    return {"values": values, "deviation": deviation}


@settings(max_examples=30, deadline=None)
@given(games(), automata(0), automata(1), deltas,
       st.fractions(min_value=0, max_value=Fraction(1, 3), max_denominator=10))
def test_with_noise_subgame_perfect_means_no_profitable_one_shot_deviation(
    payoffs: dict, a: Automaton, b: Automaton, delta: Fraction, eps: Fraction
) -> None:
    noisy = Stage(ACTIONS, {p: (RF.constant(u[0]), RF.constant(u[1]))
                            for p, u in payoffs.items()}, RF.variable(), RF.constant(eps))
    report = profile_report(noisy, (a, b), ("A", "B"), "delta")
    check = noisy_values(payoffs, a, b, delta, eps)
    independent = all(
        check["deviation"](pair, player, 1 - own) <= check["values"][pair][player]
        for pair in check["values"] for player in (0, 1)
        for own in [(a, b)[player].play[pair[player]]])
    assert report.subgame_perfect.contains(delta) == independent
    start = (a.initial, b.initial)
    assert [f.at(delta) for f in report.payoffs.values()] == check["values"][start]
