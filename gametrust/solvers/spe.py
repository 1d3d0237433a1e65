"""Every extreme subgame-perfect equilibrium of a tree, mixed behaviour at ties included.

Coordinates
    A strategy profile is written *locally*: the **local game** of a subgame
    root ``R`` is the part of the tree from ``R`` down to the roots of the
    subgames directly below it (its *children*).  Each player's play in it is
    a conditional **realization plan** (sequence form: the probability, given
    that ``R`` is reached, that the player's own choices in the local game
    follow a sequence).  A profile is the concatenation of these blocks over
    every subgame root; behaviour at an information set is its realization
    ratio (open, ``None``, where the player's own earlier choices exclude it).
    Expected payoffs are affine in each block when the others are fixed.

Pieces
    For every subgame the engine returns **pieces**: polytopes (in these
    coordinates) every point of which is a subgame-perfect equilibrium (SPE)
    of that subgame, each given by its vertices (its extreme points).  A piece
    is *affine* when the payoff vector at the subgame root is an affine
    function on it; only affine pieces are handed to the parent.

The step at a subgame root ``R`` (children's pieces known).  Fix one affine
piece ``K_C`` of every child ``C``.  The parent sees a child only through
its payoff vector ``w_C``, an affine function on ``K_C``; write ``w_C`` as a
convex combination ``sum_d mu_{C,d} d`` of the distinct payoff vectors ``d``
of ``K_C``'s vertices.  Then:

* **no player moves in the local game** (chance only): the product of the
  ``K_C`` is a piece (its vertices: every choice of one vertex per child).
* **one player ``i`` moves** (a perfect-information node, or one player with
  several information sets; its *plans* are its local reduced strategies):
  plan ``a`` is worth ``u_a(mu)`` to every player, affine in ``mu``.  A local
  mix ``s`` is optimal iff every plan in its support ``A`` maximises
  ``u_{.,i}``.  For each support ``A`` the set of ``mu`` making that true is
  the polytope ``Q_A = {u_{a,i} = u_{b,i} (a, b in A), u_{a,i} >= u_{c,i}
  (c not in A)}`` (with ``mu_C`` in a simplex), so the SPEs of ``R`` with this
  support are exactly ``K(Q_A) x Delta(A)``, where ``K(Q_A)`` is the set of
  children's points whose payoffs lie in ``Q_A``.  Its vertices are ``(k, a)``
  with ``a`` in ``A`` and ``k`` a vertex of ``K(Q_A)``: a vertex ``mu`` of
  ``Q_A`` with, inside each group of vertices of ``K_C`` sharing one payoff
  vector ``d`` with ``mu_{C,d} > 0``, one vertex chosen (the fibres of the
  aggregation map are products of simplices, so these are all the vertices
  of the preimage).  The payoff ``sum_a s_a u_a`` is bilinear in ``(k, s)``;
  it is affine when the differences ``u_a - u_b`` are constant on ``Q_A``
  (then the whole product is one affine piece), otherwise the product is
  reported as a piece and handed up as its affine sub-pieces ``{k} x
  Delta(A)`` (``k`` a vertex) and ``K(Q_{a}) x {a}``.
* **two or more players move**: at every choice of one payoff vector per
  child (so the local game is a fixed normal-form game) its equilibria are
  enumerated exactly (every extreme equilibrium of two movers, grouped into
  maximal Nash subsets, on which the movers' payoffs are affine); and every
  pure local profile ``p`` is kept on the polytope of ``mu`` where no mover
  gains by deviating from ``p``.

Theorem (completeness).  Let ``S_R`` be the set of SPEs of the subgame at
``R``.  If no warning is raised, the union of the pieces reported for ``R``
is ``S_R`` and every point listed is an extreme point of a piece.  Proof, by
induction from the smallest subgames: a profile is an SPE of ``R`` iff its
restriction to each child ``C`` is an SPE of ``C`` (a point ``k_C`` of some
piece ``K_C`` by induction, with payoff ``w_C`` a convex combination of
``K_C``'s vertex payoffs) and its local block is a Nash equilibrium of the
local game with leaves ``w`` — subgames of ``R`` other than ``R`` lie inside
a child.  With one mover the local equilibria with support ``A`` are exactly
the mixes over ``A`` when ``w``'s coefficients lie in ``Q_A``, so the SPE is
in ``K(Q_A) x Delta(A)``; every such set is reported (whole, or as affine
sub-pieces whose union holds all its vertices), and no other point is.
With no mover the claim is immediate.  With two or more movers the local
equilibria at fixed leaves are complete, and when a child's piece has more
than one payoff vector a warning is raised (a mixed local equilibrium may be
pinned at a non-vertex payoff of a child: not enumerated, the result is
marked incomplete).  Where an affine sub-piece is handed up instead of a
bilinear product piece, a warning is raised as well: an ancestor's
indifference might pin a point inside the product, which is not listed.
Every listed point is certified independently by
:func:`gametrust.solvers.certificate.subgame_regret`.

The limits (:data:`POINT_LIMIT` points per subgame, the polytope budget, the
two-player enumeration budget) end in a warning and an incomplete result,
never a silent truncation; a subgame too large to enumerate gets one
equilibrium from ``local_nash``'s fallback.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from itertools import combinations, product
from typing import Any

from ..model.tree import GameTree, Path, Terminal
from .exact_polytope import RATIONAL, Field, PolytopeTooLarge, in_hull, vertices
from .spe_local import (
    Local,
    LocalNash,
    Piece,
    Point,
    Seq,
    build_local,
    combine,
    make_point,
    point_key,
)

__all__ = ["POINT_LIMIT", "SubgamePerfect"]

#: Largest number of extreme points kept for one subgame.
POINT_LIMIT = 2_000
#: Largest number of plans of one mover whose supports are all tried.
SUPPORT_LIMIT = 12

@dataclass
class SubgamePerfect:
    """Backward induction over the subgames with pieces of SPEs (see the module docstring).

    ``run()`` returns the extreme SPEs of the whole tree and the pieces as tuples of
    indices into that list; ``warnings`` and ``complete`` say what was not enumerated.
    """

    tree: GameTree
    local_nash: LocalNash
    fld: Field = RATIONAL
    limit: int = POINT_LIMIT
    warnings: list[str] = field(default_factory=list)
    complete: bool = True
    pieces: dict[Path, list[Piece]] = field(default_factory=dict)
    reported: dict[Path, list[Piece]] = field(default_factory=dict)

    # -- driver -------------------------------------------------------------------------------

    def run(self) -> tuple[list[Point], list[tuple[int, ...]]]:
        tree = self.tree
        if isinstance(tree.root, Terminal):
            return [Point((), tuple(tree.root.payoffs))], [(0,)]
        for root in sorted(tree.subgame_roots, key=len, reverse=True):
            self._solve(root)
        return self._collect(self.reported[()])

    def where(self, root: Path) -> str:
        if not root:
            return "the whole tree"
        return f"the subgame after {self.tree.describe_path(root)}"

    def _warn(self, text: str) -> None:
        self.complete = False
        if text not in self.warnings:
            self.warnings.append(text)

    def _solve(self, root: Path) -> None:
        children = self.tree.inner_subgames(root)
        local = build_local(self.tree, root, children, self.fld, self.where(root))
        found: list[Piece] = []
        for combo in product(*(self.pieces[c] for c in children)):
            if not local.movers:
                found += self._no_mover(local, combo)
            elif len(local.movers) == 1:
                found += self._one_mover(local, combo)
            else:
                found += self._many_movers(local, combo)
        pieces = self._tidy(found, root)
        self.reported[root] = pieces
        self.pieces[root] = [p for p in pieces if p.affine]

    # -- assembling points --------------------------------------------------------------------

    def _local_rho(self, local: Local, mix: dict[int, Sequence[Any]]) -> dict[Seq, Any]:
        rho: dict[Seq, Any] = {}
        for p in range(local.n):
            probs = mix.get(p)
            for k, plan in enumerate(local.plans[p]):
                w = (self.fld.one if k == 0 else self.fld.zero) if probs is None else probs[k]
                if self.fld.is_zero(w):
                    continue
                for seq in plan.choices:
                    rho[seq] = rho.get(seq, self.fld.zero) + w
        return rho

    def _assemble(self, local: Local, mix: dict[int, Sequence[Any]],
                  state: Sequence[Point]) -> Point:
        fld = self.fld
        rho = self._local_rho(local, mix)
        for child in state:
            rho.update(dict(child.rho))
        value = [fld.zero] * local.n
        supports = []
        for p in range(local.n):
            probs = mix.get(p)
            if probs is None:
                supports.append([(0, fld.one)])
            else:
                supports.append([(k, w) for k, w in enumerate(probs) if not fld.is_zero(w)])
        for combo in product(*supports):
            weight = fld.one
            for _, w in combo:
                weight = weight * w
            profile = tuple(k for k, _ in combo)
            total = list(local.const[profile])
            for c, r in enumerate(local.reach[profile]):
                if not fld.is_zero(r):
                    total = [a + r * b for a, b in zip(total, state[c].value, strict=True)]
            value = [a + weight * b for a, b in zip(value, total, strict=True)]
        return make_point(rho, value, fld)

    def _pure(self, local: Local, choice: dict[int, int]) -> dict[int, Sequence[Any]]:
        fld = self.fld
        return {
            p: tuple(fld.one if k == choice[p] else fld.zero for k in range(len(local.plans[p])))
            for p in choice
        }

    # -- the three kinds of local game --------------------------------------------------------

    def _no_mover(self, local: Local, combo: Sequence[Piece]) -> list[Piece]:
        states = list(product(*(piece.points for piece in combo)))
        return [Piece(tuple(self._assemble(local, {}, s) for s in states), True, True)]

    def _groups(self, combo: Sequence[Piece]) -> list[list[tuple[tuple[Any, ...], list[Point]]]]:
        out = []
        for piece in combo:
            groups: dict[Hashable, tuple[tuple[Any, ...], list[Point]]] = {}
            for pt in piece.points:
                key = tuple(self.fld.key(v) for v in pt.value)
                groups.setdefault(key, (pt.value, []))[1].append(pt)
            out.append(list(groups.values()))
        return out

    def _forms(self, local: Local, groups: list, choice: dict[int, int]) -> list[tuple[list, Any]]:
        """Each player's payoff of a pure local profile as an affine form in ``mu``."""
        profile = local.profile(choice)
        const, reach = local.const[profile], local.reach[profile]
        forms = []
        for j in range(local.n):
            coeffs = []
            for c, options in enumerate(groups):
                coeffs += [reach[c] * value[j] for value, _ in options]
            forms.append((coeffs, const[j]))
        return forms

    def _simplex_rows(self, groups: list) -> tuple[list, list]:
        fld = self.fld
        n = sum(len(g) for g in groups)
        eqs, ineqs, at = [], [], 0
        for options in groups:
            eqs.append(([fld.one if at <= k < at + len(options) else fld.zero
                         for k in range(n)], fld.one))
            at += len(options)
        for k in range(n):
            ineqs.append(([fld.one if m == k else fld.zero for m in range(n)], fld.zero))
        return eqs, ineqs

    def _states(self, mu: Sequence[Any], groups: list) -> list[tuple[Point, ...]]:
        """The vertices of the children's points whose payoffs average to ``mu``."""
        per_child = []
        at = 0
        for options in groups:
            weights = mu[at: at + len(options)]
            at += len(options)
            live = [(w, pts) for w, (_, pts) in zip(weights, options, strict=True)
                    if not self.fld.is_zero(w)]
            per_child.append([
                combine([(w, pt) for (w, _), pt in zip(live, pick, strict=True)], self.fld)
                for pick in product(*(pts for _, pts in live))
            ])
        return list(product(*per_child))

    def _polytope(self, n: int, eqs: list, ineqs: list, root: Path) -> list[tuple[Any, ...]]:
        try:
            return vertices(n, eqs, ineqs, self.fld)
        except PolytopeTooLarge:
            self._warn(f"the continuation equilibria of {self.where(root)} form a polytope too "
                       "large to enumerate; some mixed subgame-perfect equilibria there are "
                       "not listed")
            return []

    def _one_mover(self, local: Local, combo: Sequence[Piece]) -> list[Piece]:
        fld = self.fld
        i = local.movers[0]
        k_plans = len(local.plans[i])
        groups = self._groups(combo)
        n = sum(len(g) for g in groups)
        forms = [self._forms(local, groups, {i: a})[i] for a in range(k_plans)]
        full = [self._forms(local, groups, {i: a}) for a in range(k_plans)]
        if n == len(groups):  # every child's payoff is fixed: the maximisers
            values = [sum(c for c in coeffs) + const for coeffs, const in forms]
            best = values[0]
            for v in values[1:]:
                if fld.sign(v - best) > 0:
                    best = v
            support = [a for a, v in enumerate(values) if fld.is_zero(v - best)]
            states = list(product(*(piece.points for piece in combo)))
            points = [self._assemble(local, self._pure(local, {i: a}), s)
                      for s in states for a in support]
            return [Piece(tuple(points), True, True)]
        eqs0, ineqs0 = self._simplex_rows(groups)

        def diff(a: int, b: int) -> tuple[list, Any]:
            (ca, ka), (cb, kb) = forms[a], forms[b]
            return [x - y for x, y in zip(ca, cb, strict=True)], kb - ka

        feasible = [a for a in range(k_plans)
                    if self._polytope(n, eqs0, ineqs0 + [diff(a, c) for c in range(k_plans)
                                                         if c != a], local.root)]
        if len(feasible) > SUPPORT_LIMIT:
            self._warn(f"{self.where(local.root)} has {len(feasible)} optimal plans; mixed "
                       "choices among more than two of them were not enumerated")
            supports = [(a,) for a in feasible] + list(combinations(feasible, 2))
        else:
            supports = [s for size in range(1, len(feasible) + 1)
                        for s in combinations(feasible, size)]
        out: list[Piece] = []
        for support in supports:
            eqs = eqs0 + [diff(support[0], b) for b in support[1:]]
            ineqs = ineqs0 + [diff(support[0], c) for c in range(k_plans) if c not in support]
            corners = self._polytope(n, eqs, ineqs, local.root)
            states = [s for mu in corners for s in self._states(mu, groups)]
            if not states:
                continue
            if len(support) == 1:
                a = support[0]
                out.append(Piece(tuple(self._assemble(local, self._pure(local, {i: a}), s)
                                       for s in states), True))
                continue
            points = {(a, s): self._assemble(local, self._pure(local, {i: a}), s)
                      for s in states for a in support}
            if self._constant_differences(full, support, corners):
                out.append(Piece(tuple(points.values()), True))
                continue
            out.append(Piece(tuple(points.values()), False))
            for s in states:
                out.append(Piece(tuple(points[(a, s)] for a in support), True, True))
            if local.root:
                self._warn(
                    f"mixing at {self.where(local.root)} while the continuation varies changes "
                    "other players' payoffs non-linearly; extreme points that an earlier "
                    "player's indifference would pin inside that set are not listed"
                )
        return out

    def _constant_differences(self, full: list, support: Sequence[int],
                              corners: Sequence[Sequence[Any]]) -> bool:
        fld = self.fld
        a0 = support[0]
        for a in support[1:]:
            for j in range(len(full[a])):
                (ca, ka), (cb, kb) = full[a][j], full[a0][j]
                values = {fld.key(sum((x * m for x, m in zip(ca, mu, strict=True)), fld.zero) + ka
                                  - sum((x * m for x, m in zip(cb, mu, strict=True)), fld.zero)
                                  - kb)
                          for mu in corners}
                if len(values) > 1:
                    return False
        return True

    def _many_movers(self, local: Local, combo: Sequence[Piece]) -> list[Piece]:
        groups = self._groups(combo)
        out: list[Piece] = []
        varying = any(len(g) > 1 for g in groups)
        for pick in product(*(range(len(g)) for g in groups)):
            leaves = [groups[c][d][0] for c, d in enumerate(pick)]
            comps, complete, notes = self.local_nash(local, leaves, self.where(local.root))
            for note in notes:
                self._warn(note)
            if not complete:
                self.complete = False
            states = list(product(*(groups[c][d][1] for c, d in enumerate(pick))))
            for comp in comps:
                points = [self._assemble(local, mix, s) for mix in comp for s in states]
                if len(comp) > 1 and not self._affine_component(local, comp, states[0]):
                    out.append(Piece(tuple(points), False))
                    for mix in comp:
                        out.append(Piece(tuple(self._assemble(local, mix, s)
                                               for s in states), True))
                    if local.root:
                        self._warn(
                            f"a continuum of equilibria of {self.where(local.root)} gives a "
                            "player who does not move there payoffs that are not linear; "
                            "extreme points an earlier indifference would pin inside it are "
                            "not listed"
                        )
                else:
                    out.append(Piece(tuple(points), True))
        if not varying:
            return out
        self._warn(
            f"the subgame at {self.where(local.root)} has several movers and a continuum of "
            "continuation equilibria below it; its mixed equilibria were combined with the "
            "continuum's extreme points only"
        )
        n = sum(len(g) for g in groups)
        eqs0, ineqs0 = self._simplex_rows(groups)
        for choice in product(*(range(len(local.plans[p])) for p in local.movers)):
            pure = dict(zip(local.movers, choice, strict=True))
            here = self._forms(local, groups, pure)
            ineqs = list(ineqs0)
            for j in local.movers:
                for b in range(len(local.plans[j])):
                    if b == pure[j]:
                        continue
                    other = self._forms(local, groups, {**pure, j: b})[j]
                    ineqs.append(([x - y for x, y in zip(here[j][0], other[0], strict=True)],
                                  other[1] - here[j][1]))
            corners = self._polytope(n, eqs0, ineqs, local.root)
            states = [s for mu in corners for s in self._states(mu, groups)]
            if states:
                mix = self._pure(local, pure)
                out.append(Piece(tuple(self._assemble(local, mix, s) for s in states)))
        return out

    def _affine_component(self, local: Local, comp: list, state: Sequence[Point]) -> bool:
        """Payoffs on a product of mixes are affine iff they add up on every 'rectangle'."""
        fld = self.fld
        movers = local.movers
        blocks = [list({tuple(fld.key(x) for x in m[p]): m[p] for m in comp}.values())
                  for p in movers]
        if sum(len(b) > 1 for b in blocks) < 2:
            return True
        base = {p: blocks[k][0] for k, p in enumerate(movers)}
        v0 = self._assemble(local, base, state).value
        for k1, k2 in combinations(range(len(movers)), 2):
            for x in blocks[k1][1:]:
                for y in blocks[k2][1:]:
                    p1, p2 = movers[k1], movers[k2]
                    vx = self._assemble(local, {**base, p1: x}, state).value
                    vy = self._assemble(local, {**base, p2: y}, state).value
                    vxy = self._assemble(local, {**base, p1: x, p2: y}, state).value
                    if any(not fld.is_zero(a + d - b - c)
                           for a, b, c, d in zip(vxy, vx, vy, v0, strict=True)):
                        return False
        return True

    # -- tidying ------------------------------------------------------------------------------

    def _tidy(self, found: list[Piece], root: Path) -> list[Piece]:
        """Merge equal points, keep each piece's extreme points, drop pieces inside others."""
        fld = self.fld
        index: dict[Hashable, int] = {}
        points: list[Point] = []
        shaped: list[tuple[tuple[int, ...], bool]] = []
        for piece in found:
            members = []
            for pt in piece.points:
                key = point_key(pt, fld)
                if key not in index:
                    index[key] = len(points)
                    points.append(pt)
                members.append(index[key])
            members = list(dict.fromkeys(members))
            if len(members) > 2 and not piece.exact:
                members = self._extreme(members, points)
            shaped.append((tuple(members), piece.affine))
        kept: list[tuple[tuple[int, ...], bool]] = []
        for k, (members, affine) in enumerate(shaped):
            inside = any(
                set(members) < set(other) or (set(members) == set(other) and j < k)
                for j, (other, other_affine) in enumerate(shaped)
                if j != k and (other_affine or not affine)
            )
            if not inside:
                kept.append((members, affine))
        used = sorted({m for members, _ in kept for m in members})
        if len(used) > self.limit:
            self._warn(f"{self.where(root)} has more than {self.limit} extreme subgame-perfect "
                       f"equilibria; the first {self.limit} are kept")
            allowed = set(used[: self.limit])
            kept = [(tuple(m for m in members if m in allowed), a) for members, a in kept]
            kept = [(members, a) for members, a in kept if members]
        return [Piece(tuple(points[m] for m in members), affine, True)
                for members, affine in kept]

    def _extreme(self, members: list[int], points: list[Point]) -> list[int]:
        """The members that are vertices of the piece (realization coordinates lie in
        [0, 1], so a point with 0/1 coordinates is always one; only the coordinates that
        vary inside the piece matter)."""
        fld = self.fld
        seqs = sorted({s for m in members for s, _ in points[m].rho})
        full = {m: tuple(points[m].get(s, fld.zero) for s in seqs) for m in members}
        varying = [j for j in range(len(seqs))
                   if len({fld.key(full[m][j]) for m in members}) > 1]
        coords = {m: tuple(full[m][j] for j in varying) for m in members}
        if fld.at is not None:
            # functions of a swept value: which points are extreme is decided at the sample
            # point, in rationals: the same pivots as in the field (whose signs are those at
            # the sample), but the polynomials behind them are not recorded, so a sweep lists
            # the extreme points of its sample point (linear programs over rational functions
            # took seconds each: a sweep of Shoham and Leyton-Brown's Fig. 6.8 ran minutes)
            coords = {m: tuple(fld.at(v) for v in c) for m, c in coords.items()}
            fld = RATIONAL
        # a point that alone maximises or minimises some linear function is a vertex
        exposed: set[int] = set()
        for k in range(len(varying) + 4):
            weights = [(7 * j + 3 * k * k + 1) % 11 - 5 for j in range(len(varying))]
            score = {m: sum((w * v for w, v in zip(weights, coords[m], strict=True)), fld.zero)
                     for m in members}
            for direction in (1, -1):
                best = members[0]
                for m in members[1:]:
                    if fld.sign(score[m] - score[best]) == direction:
                        best = m
                if sum(fld.is_zero(score[m] - score[best]) for m in members) == 1:
                    exposed.add(best)
        # a point halfway between two others is not
        half = fld.one / 2
        middles = {
            tuple(fld.key(half * (x + y)) for x, y in zip(coords[a], coords[b], strict=True))
            for a, b in combinations(members, 2)
        }
        keep = list(members)
        for m in members:
            if m not in exposed and tuple(fld.key(v) for v in coords[m]) in middles:
                keep.remove(m)
                continue
            if m in exposed or all(fld.is_zero(v) or fld.is_zero(v - fld.one)
                                   for v in coords[m]):
                continue
            others = [coords[o] for o in keep if o != m]
            if len(keep) > 1 and in_hull(coords[m], others, fld):
                keep.remove(m)
        return keep

    def _collect(self, pieces: list[Piece]) -> tuple[list[Point], list[tuple[int, ...]]]:
        fld = self.fld
        index: dict[Hashable, int] = {}
        points: list[Point] = []
        for piece in pieces:
            for pt in piece.points:
                key = point_key(pt, fld)
                if key not in index:
                    index[key] = len(points)
                    points.append(pt)
        components = {tuple(sorted(index[point_key(pt, fld)] for pt in piece.points))
                      for piece in pieces}
        maximal = [c for c in components if not any(set(c) < set(o) for o in components)]
        return points, sorted(maximal)
