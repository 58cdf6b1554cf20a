"""Reading a report's clocks in tests: deadlines of intake's kinds, by the clock's kind."""

from __future__ import annotations

from typing import Any

from zastita.deadlines.public import Deadline


def clocks(report: Any, **filters: object) -> dict[str, Deadline]:
    """The report's clocks (the newest of each kind), by kind: "first_contact"..."""
    rows = Deadline.objects.filter(
        subject_type="report", subject_id=report.pk, kind__startswith="intake.", **filters
    ).order_by("pk")
    return {row.kind.removeprefix("intake."): row for row in rows}


def clock(report: Any, kind: str) -> Deadline:
    return clocks(report)[str(kind)]


def states(report: Any) -> dict[str, str]:
    return {kind: row.state for kind, row in clocks(report).items()}
