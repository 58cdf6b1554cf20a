"""What protection costs: the services arranged that the Center pays or accounts for (those
not refused and not waiting for the head of service), by the year they were provided (the
start, else the request), per kind of service, per funding source and per case; and the
same rows for export. Numbers, codes and amounts only."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce, ExtractYear

from zastita.accounts.models import User
from zastita.cases.figures.selectors import FIGURES_PERMISSION
from zastita.cases.models import Decision, Engagement, EngagementKind, Funding
from zastita.cases.models.case import case_number
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


def _counted() -> Any:  # a QuerySet of Engagement annotated with `year`
    return (
        Engagement.objects.exclude(decision__in=[Decision.REFUSED, Decision.PENDING])
        .annotate(year=ExtractYear(Coalesce("started_on", "requested_on")))
    )  # fmt: skip


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
    """The totals of one year (every year when None), and the totals of every year: one
    grouped read of the services (by year, kind and funding) summed here, and one for the
    costliest cases."""
    _check(actor)
    every = _counted()
    cells = list(every.values("year", "kind", "funding").annotate(total=Sum("cost"), n=Count("pk")))
    chosen = [c for c in cells if year is None or c["year"] == year]
    kinds, fundings = dict(EngagementKind.choices), dict(Funding.choices)

    def grouped(column: str, labels: dict[str, Any]) -> list[tuple[str, Decimal, int]]:
        sums = sorted(_sum(chosen, column).items(), key=lambda item: -item[1][0])
        return [(str(labels.get(code, code)), total, n) for code, (total, n) in sums]

    rows = every.filter(year=year) if year is not None else every
    top = list(
        rows.values("case_id", "case__year", "case__sequence")
        .annotate(total=Sum("cost"), n=Count("pk"))
        .order_by("-total", "case__year", "case__sequence")[:TOP_CASES]
    )  # fmt: skip
    return Costs(
        year=year,
        years=[(y, total, n) for y, (total, n) in sorted(_sum(cells, "year").items())],
        by_kind=grouped("kind", kinds), by_funding=grouped("funding", fundings),
        top_cases=[(r["case_id"], case_number(r["case__year"], r["case__sequence"]), r["total"],
                    r["n"]) for r in top],
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
        _counted()
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
