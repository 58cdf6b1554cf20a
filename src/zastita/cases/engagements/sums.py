"""The cost sums (`cases.models.costs`), kept by every write that changes what a case's
services count for: `refresh` adjusts the Center's sums by the case's difference inside the
write's transaction; `rebuild` recomputes them all from the services (after a bulk load, and
by the migration that adds them)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.apps import apps as django_apps
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce, ExtractYear

from zastita.cases.models import Decision
from zastita.cases.models.costs import EVERY_YEAR, CaseCost, CostCell

Cells = dict[str, tuple[Decimal, int]]  # "kind|funding" -> (total, services)


def counted(engagements: Any = None) -> Any:
    """The services that count for the costs (neither refused nor waiting for the decision),
    each annotated with the year it was provided: its start, else its request."""
    model = engagements or django_apps.get_model("cases", "Engagement")
    return model.objects.exclude(decision__in=[Decision.REFUSED, Decision.PENDING]).annotate(
        year=ExtractYear(Coalesce("started_on", "requested_on"))
    )


def _grouped(rows: Any) -> dict[int, dict[int, Cells]]:
    """case id -> year -> cells, from one grouped read."""
    out: dict[int, dict[int, Cells]] = {}
    for r in rows.values("case_id", "year", "kind", "funding").annotate(
        total=Sum("cost"), n=Count("pk")
    ):
        years = out.setdefault(r["case_id"], {})
        years.setdefault(r["year"], {})[f"{r['kind']}|{r['funding']}"] = (r["total"], r["n"])
    return out


def _stored(cells: Cells) -> dict[str, list[Any]]:
    return {key: [str(total), n] for key, (total, n) in cells.items()}


def _add(year: int, key: str, total: Decimal, n: int) -> None:
    kind, funding = key.split("|")
    cell = CostCell.objects.filter(year=year, kind=kind, funding=funding)
    if cell.update(total=F("total") + total, services=F("services") + n):
        return
    try:
        with transaction.atomic():
            CostCell.objects.create(year=year, kind=kind, funding=funding, total=total,
                                    services=n)  # fmt: skip
    except IntegrityError:  # another case's write created it at the same moment
        cell.update(total=F("total") + total, services=F("services") + n)


def refresh(case_id: int) -> None:
    """Inside the write's transaction: the case's sums as its services now stand, and the
    Center's adjusted by the difference."""
    stored = {c.year: c for c in CaseCost.objects.select_for_update().filter(case_id=case_id)}
    now = _grouped(counted().filter(case_id=case_id)).get(case_id, {})
    for year in (set(stored) | set(now)) - {EVERY_YEAR}:
        before: Cells = (
            {k: (Decimal(t), n) for k, (t, n) in stored[year].cells.items()}
            if year in stored else {}
        )  # fmt: skip
        after = now.get(year, {})
        for key in set(before) | set(after):
            total = after.get(key, (Decimal(0), 0))[0] - before.get(key, (Decimal(0), 0))[0]
            n = after.get(key, (Decimal(0), 0))[1] - before.get(key, (Decimal(0), 0))[1]
            if total or n:
                _add(year, key, total, n)
        _keep(case_id, year, after, stored.get(year))
    every: Cells = {}
    for cells in now.values():
        for key, (total, n) in cells.items():
            t, m = every.get(key, (Decimal(0), 0))
            every[key] = (t + total, m + n)
    _keep(case_id, EVERY_YEAR, every, stored.get(EVERY_YEAR))


def _keep(case_id: int, year: int, cells: Cells, row: CaseCost | None) -> None:
    if not cells:
        if row is not None:
            row.delete()
        return
    total = sum((t for t, _n in cells.values()), Decimal(0))
    services = sum(n for _t, n in cells.values())
    if row is None:
        CaseCost.objects.create(case_id=case_id, year=year, total=total, services=services,
                                cells=_stored(cells))  # fmt: skip
    else:
        row.total, row.services, row.cells = total, services, _stored(cells)
        row.save(update_fields=["total", "services", "cells"])


def rebuild(registry: Any = django_apps) -> None:
    """Every sum recomputed from the services (the registry: the migration's, or the
    application's)."""
    cell_model = registry.get_model("cases", "CostCell")
    case_model = registry.get_model("cases", "CaseCost")
    with transaction.atomic():
        cell_model.objects.all().delete()
        case_model.objects.all().delete()
        center: dict[tuple[int, str], tuple[Decimal, int]] = {}
        rows = []
        for case_id, years in _grouped(counted(registry.get_model("cases", "Engagement"))).items():
            every: Cells = {}
            for year, cells in years.items():
                for key, (total, n) in cells.items():
                    t, m = center.get((year, key), (Decimal(0), 0))
                    center[(year, key)] = (t + total, m + n)
                    t, m = every.get(key, (Decimal(0), 0))
                    every[key] = (t + total, m + n)
                rows.append(_case_row(case_model, case_id, year, cells))
            rows.append(_case_row(case_model, case_id, EVERY_YEAR, every))
        case_model.objects.bulk_create(rows, batch_size=2000)
        cell_model.objects.bulk_create([
            cell_model(year=year, kind=key.split("|")[0], funding=key.split("|")[1], total=t,
                       services=n)
            for (year, key), (t, n) in center.items()
        ], batch_size=2000)  # fmt: skip


def _case_row(model: Any, case_id: int, year: int, cells: Cells) -> Any:
    return model(case_id=case_id, year=year, total=sum((t for t, _n in cells.values()), Decimal(0)),
                 services=sum(n for _t, n in cells.values()), cells=_stored(cells))  # fmt: skip
