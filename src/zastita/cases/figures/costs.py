"""What protection costs: the services arranged that the Center pays or accounts for (those
not refused and not waiting for the head of service), by the year they were provided (the
start, else the request), per kind of service, per funding source and per case; and the
same rows for export. Numbers, codes and amounts only."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F

from zastita.accounts.models import User
from zastita.cases.engagements.sums import counted
from zastita.cases.figures.selectors import FIGURES_PERMISSION
from zastita.cases.models import EngagementKind, Funding
from zastita.cases.models.case import case_number
from zastita.cases.models.costs import EVERY_YEAR, CaseCost, CostCell
from zastita.core.errors import PermissionDenied

TOP_CASES = 50


@dataclass
class Costs:
    year: int | None
    years: list[tuple[int, Decimal, int]]  # (year, total, services), every year
    by_kind: list[tuple[str, Decimal, int]]  # (label, total, services)
    by_funding: list[tuple[str, Decimal, int]]
    top_cases: list[tuple[int, str, Decimal, int]]  # (case id, number, total, services)
    total: Decimal
    services: int


def _check(actor: User) -> None:
    if not actor.has_perm(FIGURES_PERMISSION):
        raise PermissionDenied(object_type="protection_costs")


def _sum(rows: list[dict[str, Any]], key: str) -> dict[Any, tuple[Decimal, int]]:
    out: dict[Any, tuple[Decimal, int]] = {}
    for r in rows:
        total, n = out.get(r[key], (Decimal(0), 0))
        out[r[key]] = (total + r["total"], n + r["n"])
    return out


def cost_summary(*, actor: User, year: int | None) -> Costs:
    """The totals of one year (every year when None), and the totals of every year, from
    the sums the services' writes keep (`cases.engagements.sums`): a few hundred rows for
    the Center, and the costliest cases by an index."""
    _check(actor)
    cells: list[dict[str, Any]] = [
        dict(row) for row in CostCell.objects.filter(services__gt=0)
        .values("year", "kind", "funding", "total", n=F("services"))
    ]  # fmt: skip
    chosen = [c for c in cells if year is None or c["year"] == year]
    kinds, fundings = dict(EngagementKind.choices), dict(Funding.choices)

    def grouped(column: str, labels: dict[str, Any]) -> list[tuple[str, Decimal, int]]:
        sums = sorted(_sum(chosen, column).items(), key=lambda item: -item[1][0])
        return [(str(labels.get(code, code)), total, n) for code, (total, n) in sums]

    top = list(
        CaseCost.objects.filter(year=EVERY_YEAR if year is None else year, services__gt=0)
        .order_by("-total", "case_id")
        .values("case_id", "case__year", "case__sequence", "total", "services")[:TOP_CASES]
    )  # fmt: skip
    return Costs(
        year=year,
        years=[(y, total, n) for y, (total, n) in sorted(_sum(cells, "year").items())],
        by_kind=grouped("kind", kinds), by_funding=grouped("funding", fundings),
        top_cases=[(r["case_id"], case_number(r["case__year"], r["case__sequence"]), r["total"],
                    r["services"]) for r in top],
        total=sum((c["total"] for c in chosen), Decimal(0)),
        services=sum(c["n"] for c in chosen),
    )  # fmt: skip


EXPORT_COLUMNS = ("year", "case", "service", "provider", "funding", "funding_source",
                  "units", "unit", "cost")  # fmt: skip


def cost_rows(*, actor: User, year: int | None) -> Iterator[tuple[object, ...]]:
    """Every service counted, one row each, in the order of EXPORT_COLUMNS (labels in the
    user's language)."""
    _check(actor)
    rows = (
        counted()
        .select_related("case", "provider")
        .order_by("year", "case__year", "case__sequence", "pk")
    )
    if year is not None:
        rows = rows.filter(year=year)
    for e in rows.iterator(chunk_size=2000):
        yield (
            e.year, e.case.number, str(e.get_kind_display()),
            e.provider.name if e.provider is not None else "",
            str(e.get_funding_display()), e.funding_source,
            e.units if e.units is not None else "", str(e.get_unit_display()) if e.unit else "",
            e.cost,
        )  # fmt: skip
