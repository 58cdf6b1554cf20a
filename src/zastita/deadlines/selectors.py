"""Reads for deadlines: a subject's deadlines for the owning app's page, and the targets
page's rows. Times, codes and ids only: nothing here is personal data."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import ngettext

from zastita.core.errors import PermissionDenied
from zastita.core.registries.deadlines import DeadlineKind, deadline_kinds
from zastita.deadlines.models import Deadline, DeadlineState, DeadlineTarget


def split(target: datetime.timedelta) -> tuple[int, str]:
    """A time allowed as (amount, "days") when it is whole days, else (amount, "hours")."""
    hours = int(target.total_seconds() // 3600)
    if hours and hours % 24 == 0:
        return hours // 24, "days"
    return hours, "hours"


def duration_text(target: datetime.timedelta) -> str:
    """ "2 days", "4 hours"; a time that is not whole hours (an old target) as h:mm."""
    if target % datetime.timedelta(hours=1):
        minutes = int(target.total_seconds() // 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
    amount, unit = split(target)
    if unit == "days":
        return ngettext("%(n)d day", "%(n)d days", amount) % {"n": amount}
    return ngettext("%(n)d hour", "%(n)d hours", amount) % {"n": amount}


def kind_label(code: str) -> str:
    """The kind's name; a kind no longer registered shows its code."""
    spec = deadline_kinds.find(code)
    return str(spec.label) if spec is not None else code


def _kinds(subject_type: str, kinds: Iterable[str] | None) -> QuerySet[Deadline]:
    qs = Deadline.objects.filter(subject_type=subject_type)
    return qs if kinds is None else qs.filter(kind__in=list(kinds))


def running_by_subject(
    *, subject_type: str, subject_ids: Iterable[int], kinds: Iterable[str] | None = None
) -> dict[int, list[Deadline]]:
    """The running deadlines of many subjects in one query, soonest due first, for a list
    page (the owning app has already scoped the subjects to the actor)."""
    found: dict[int, list[Deadline]] = {}
    rows = _kinds(subject_type, kinds).filter(
        subject_id__in=list(subject_ids), state=DeadlineState.RUNNING
    )
    for row in rows.order_by("due_at", "pk"):
        found.setdefault(row.subject_id, []).append(row)
    return found


def next_due(
    *, subject_type: str, subject_ids: Iterable[int]
) -> dict[int, tuple[datetime.datetime, str]]:
    """For each subject with a running deadline, the soonest one: when it is due and its kind
    in words (a worklist's "next deadline" column), in one query."""
    return {
        pk: (rows[0].due_at, kind_label(rows[0].kind))
        for pk, rows in running_by_subject(
            subject_type=subject_type, subject_ids=subject_ids
        ).items()
    }


def overdue_subject_ids(
    *, subject_type: str, now: datetime.datetime, kinds: Iterable[str] | None = None
) -> QuerySet[Deadline, int]:
    """The subjects with a running deadline past due: a subquery for the owning app's
    filter (`pk__in=...`), not a list."""
    return (
        _kinds(subject_type, kinds)
        .filter(state=DeadlineState.RUNNING, due_at__lte=now)
        .values_list("subject_id", flat=True)
    )


def running_deadlines(
    *, subject_type: str, kinds: Iterable[str] | None = None, limit: int = 500
) -> list[Deadline]:
    """Every running deadline of these kinds, the most urgent first (a duty board)."""
    rows = _kinds(subject_type, kinds).filter(state=DeadlineState.RUNNING)
    return list(rows.order_by("due_at", "pk")[:limit])


def overdue_count(
    *, subject_type: str, now: datetime.datetime, kinds: Iterable[str] | None = None
) -> int:
    return _kinds(subject_type, kinds).filter(state=DeadlineState.RUNNING, due_at__lte=now).count()


def deadlines_for_subject(*, subject_type: str, subject_id: int) -> list[Deadline]:
    """The deadlines of one subject, oldest first, with their pauses, for the owning app's
    page (which has already checked the actor's access to the subject)."""
    rows = list(
        Deadline.objects.filter(subject_type=subject_type, subject_id=subject_id)
        .prefetch_related("pauses")
        .order_by("started_at", "pk")
    )
    for row in rows:
        row.kind_label = kind_label(row.kind)  # type: ignore[attr-defined]
        row.paused_total_text = _paused_text(row.paused_total)  # type: ignore[attr-defined]
    return rows


def _paused_text(total: datetime.timedelta) -> str:
    minutes = int(total.total_seconds() // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


@dataclass(frozen=True)
class TargetRow:
    """One line of the targets page: a kind (and variant) and the target in force."""

    kind: DeadlineKind
    variant: str
    variant_label: str
    target: datetime.timedelta
    warn_at_percent: list[int]
    version: int  # 0: the kind's default, nobody has set one
    current: DeadlineTarget | None

    @property
    def target_text(self) -> str:
        return duration_text(self.target)

    @property
    def key(self) -> str:
        return f"{self.kind.code}:{self.variant}"


def target_rows(*, actor: object) -> list[TargetRow]:
    """Every registered kind and variant with the target in force (two queries)."""
    if not getattr(actor, "has_perm", lambda p: False)("deadlines.view_targets"):
        raise PermissionDenied(object_type="deadline_target_list")
    newest: dict[tuple[str, str], DeadlineTarget] = {}
    for row in DeadlineTarget.objects.select_related("changed_by").order_by("version"):
        newest[(row.kind, row.variant)] = row
    rows = []
    for spec in deadline_kinds:
        for variant, label in spec.variants or (("", ""),):
            current = newest.get((spec.code, variant))
            rows.append(TargetRow(
                kind=spec, variant=variant, variant_label=str(label),
                target=current.target if current else spec.default_for(variant),
                warn_at_percent=list(current.warn_at_percent if current
                                     else spec.warn_at_percent),
                version=current.version if current else 0, current=current,
            ))  # fmt: skip
    return rows
