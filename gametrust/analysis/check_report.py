"""What ``gametrust check`` found: one :class:`ClaimCheck` per claim in a :class:`CheckReport`.

A result value: the plain text a person reads (:meth:`CheckReport.text`,
what the command prints) and the JSON (:meth:`CheckReport.to_dict`, what
``--format json`` writes).  Made by :func:`gametrust.analysis.check.check`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..core.display import Displayable
from ..scenario.claims import Claim
from .check_model import Evaluation

__all__ = ["CHECK_SCHEMA_VERSION", "CheckMethod", "CheckReport", "CheckStatus", "ClaimCheck"]

#: Version of the JSON ``gametrust check --format json`` writes.
CHECK_SCHEMA_VERSION = 1

CheckStatus = Literal["proved", "refuted", "survived", "vacuous"]
CheckMethod = Literal["point", "sweep", "map", "search"]


@dataclass(frozen=True)
class ClaimCheck:
    """How one claim fared.

    ``status``: ``"proved"`` (exactly, over every value the assumptions and
    conditions allow), ``"refuted"`` (a counterexample: exact for a proof,
    shrunk by hypothesis for a search), ``"survived"`` (no counterexample in
    ``examples`` examples: evidence, not proof) or ``"vacuous"`` (no value
    satisfies the assumptions and the claim's conditions, so nothing was
    checked).  ``method`` is ``"point"`` (nothing varies: one exact
    evaluation), ``"sweep"``, ``"map"`` or ``"search"``.
    """

    claim: Claim
    status: CheckStatus
    method: CheckMethod
    examples: int = 0  # search: distinct examples that satisfied the assumptions
    tried: int = 0  # search: examples drawn (including those the assumptions exclude)
    # search: ``detail`` says how many hypothesis drew and how many were spread evenly
    checked: int = 0  # proof: points and gaps (cells) checked
    counterexample: Evaluation | None = None
    found_after: int = 0  # search: distinct valid examples until the first failure
    detail: str = ""
    floating: int = 0  # proof: irrational points checked with floating-point games

    @property
    def ok(self) -> bool:
        """The claim survived: proved, or no counterexample found."""
        return self.status in ("proved", "survived")

    def summary(self) -> str:
        """One line: how it was decided."""
        if self.status == "proved":
            text = f"proved: {self.detail}"
            if self.floating:
                text += f" ({self.floating} irrational breakpoint(s) checked in floating point)"
            return text
        if self.status == "survived":
            how = self.detail or f"{self.tried} drawn"
            return f"no counterexample in {self.examples} examples ({how}; not a proof)"
        if self.status == "vacuous":
            return f"nothing to check: {self.detail}"
        if self.method == "search":
            how = f" ({self.detail})" if self.detail else ""
            return (
                f"counterexample found by search after {self.found_after} example(s){how}, "
                "then shrunk to the simplest values"
            )
        return f"refuted exactly: {self.detail}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.claim.name,
            "statement": self.claim.text(),
            "status": self.status,
            "method": self.method,
            "examples": self.examples,
            "tried": self.tried,
            "checked": self.checked,
            "detail": self.detail,
            "floating_points": self.floating,
            "counterexample": (
                None if self.counterexample is None else self.counterexample.to_dict()
            ),
        }


@dataclass(frozen=True)
class CheckReport(Displayable):
    """Every claim of a scenario, checked."""

    title: str
    file: str | None
    seed: int | None  # None: a run with an example database (hypothesis's own randomness)
    examples: int
    results: tuple[ClaimCheck, ...] = field(default_factory=tuple)
    database: str | None = None

    def to_frame(self) -> Any:
        """One row per claim, as a pandas DataFrame (:mod:`gametrust.analysis.frames`)."""
        from .frames import check_frame

        return check_frame(self)

    @property
    def ok(self) -> bool:
        """Every claim survived (``gametrust check`` exits 0)."""
        return all(r.ok for r in self.results)

    def text(self) -> str:
        """The report a person reads."""
        where = f"{self.file}: " if self.file else ""
        run = f"seed {self.seed}" if self.seed is not None else f"example database {self.database}"
        lines = [f"{where}{self.title} — {len(self.results)} claim(s), {run}"]
        labels = {"proved": "proved", "survived": "survived", "refuted": "FAILED",
                  "vacuous": "VACUOUS"}
        for r in self.results:
            lines.append(f"  {labels[r.status]:<9} {r.claim.name}")
            statement = r.claim.text()
            if statement != r.claim.name:
                lines.append(f"{'':12}claim: {statement}")
            lines.append(f"{'':12}{r.summary()}")
            if r.counterexample is not None:
                for line in r.counterexample.explain().splitlines()[1:]:
                    lines.append(f"{'':12}{line.strip()}")
        counts = {s: sum(r.status == s for r in self.results) for s in labels}
        parts = []
        if counts["proved"]:
            parts.append(f"{counts['proved']} proved")
        if counts["survived"]:
            parts.append(f"{counts['survived']} survived the search")
        if counts["refuted"]:
            parts.append(f"{counts['refuted']} failed")
        if counts["vacuous"]:
            parts.append(f"{counts['vacuous']} vacuous")
        verdict = "every claim holds" if self.ok else "some claims do not hold"
        again = f" (rerun with --seed {self.seed})" if self.seed is not None else ""
        lines.append(f"{', '.join(parts) or 'no claims'}: {verdict}{again}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": CHECK_SCHEMA_VERSION,
            "file": self.file,
            "title": self.title,
            "seed": self.seed,
            "database": self.database,
            "examples": self.examples,
            "ok": self.ok,
            "claims": [r.to_dict() for r in self.results],
        }

