"""The director's figures, computed from the records for a period, each with its definition
and its exceptions by case number for the head of service to act on. Codes, numbers and
dates only: nothing is decrypted."""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass, field

from django.db.models import Min
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zastita.accounts.models import User
from zastita.cases.models import (
    LEGAL,
    PSYCHOLOGICAL,
    Case,
    CaseProceeding,
    ContactWith,
    Decision,
    Engagement,
    MonitoringContact,
    Plan,
    PlanKind,
)
from zastita.core.errors import PermissionDenied
from zastita.identification.public import (
    ProceedingStage,
    StatusDecided,
    VictimStatus,
    statuses_decided,
)
from zastita.people.public import Person

FIGURES_PERMISSION = "cases.figures"


@dataclass
class Figure:
    label: str | Promise
    definition: str | Promise
    count: int = 0
    of: int = 0
    # Case numbers (or, where no case was opened, the person's code) not counted.
    exceptions: list[str] = field(default_factory=list)


@dataclass
class Median:
    label: str | Promise
    definition: str | Promise
    days: float | None = None
    of: int = 0
    exceptions: list[str] = field(default_factory=list)


@dataclass
class Figures:
    start: datetime.date
    end: datetime.date
    figures: list[Figure]
    median: Median


def _refused_or_waiting() -> list[str]:
    return [Decision.REFUSED, Decision.PENDING]


def _people(decided: list[StatusDecided]) -> tuple[dict[int, Case], dict[int, str]]:
    """Each person's case (the one opened from that identification, else their latest),
    and their codes."""
    person_ids = [d.person_id for d in decided]
    cases: dict[int, Case] = {}
    for case in Case.objects.filter(person_id__in=person_ids).order_by("opened_at", "pk"):
        cases[case.person_id] = case
    by_identification = {
        c.identification_id: c
        for c in Case.objects.filter(identification_id__in=[d.identification_id for d in decided])
    }
    for d in decided:
        if d.identification_id in by_identification:
            cases[d.person_id] = by_identification[d.identification_id]
    codes = dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "code"))
    return cases, codes


def protection_figures(*, actor: User, start: datetime.date, end: datetime.date) -> Figures:
    if not actor.has_perm(FIGURES_PERMISSION):
        raise PermissionDenied(object_type="protection_figures")
    decided = statuses_decided(start, end)
    cases, codes = _people(decided)
    case_ids = [c.pk for c in cases.values()]
    contacted = set(
        MonitoringContact.objects.filter(case_id__in=case_ids, with_whom=ContactWith.PERSON)
        .values_list("case_id", flat=True)
    )  # fmt: skip
    engaged: dict[int, set[str]] = {}
    rows = Engagement.objects.filter(case_id__in=case_ids).exclude(
        decision__in=_refused_or_waiting()
    )
    for case_id, kind in rows.values_list("case_id", "kind"):
        engaged.setdefault(case_id, set()).add(kind)
    # In court: by the proceedings on the person's case once one is opened (they moved there
    # with their changes), else by those on the identification.
    court = set(
        CaseProceeding.objects.filter(case_id__in=case_ids, stage=ProceedingStage.COURT)
        .values_list("case_id", flat=True)
    )  # fmt: skip

    def in_court(d: StatusDecided) -> bool:
        case = cases.get(d.person_id)
        return case.pk in court if case else d.in_court

    planned = dict(
        Plan.objects.filter(case_id__in=case_ids, kind=PlanKind.INITIAL,
                            approved_at__isnull=False)
        .values("case_id").annotate(first=Min("approved_at")).values_list("case_id", "first")
    )  # fmt: skip

    no_case = _("no case opened")

    def label(d: StatusDecided) -> str:
        case = cases.get(d.person_id)
        return case.number if case else f"{codes.get(d.person_id, '?')} ({no_case})"

    def has(d: StatusDecided, kinds: tuple[str, ...]) -> bool:
        case = cases.get(d.person_id)
        return case is not None and bool(engaged.get(case.pk, set()) & set(kinds))

    def figure(fig: Figure, people: list[StatusDecided], counted: object) -> Figure:
        fig.of = len(people)
        for d in people:
            if counted(d):  # type: ignore[operator]
                fig.count += 1
            else:
                fig.exceptions.append(label(d))
        return fig

    presumed = [d for d in decided if d.status == VictimStatus.PRESUMED]
    identified = [d for d in decided if d.status == VictimStatus.IDENTIFIED]
    figures = [
        figure(Figure(
            _("Presumed victims who received counselling and information on their rights"),
            _("Presumed victims whose decision in force was approved in the period, with at "
              "least one recorded contact with the person on their case (counselling and "
              "information on their rights are given in those contacts)."),
        ), presumed, lambda d: (c := cases.get(d.person_id)) is not None and c.pk in contacted),
        figure(Figure(
            _("Identified victims with psychological support"),
            _("Identified victims whose decision in force was approved in the period, with a "
              "psychotherapist engaged on their case (not refused, not waiting for the "
              "decision)."),
        ), identified, lambda d: has(d, tuple(PSYCHOLOGICAL))),
        figure(Figure(
            _("Identified victims with legal support"),
            _("Identified victims whose decision in force was approved in the period, with a "
              "lawyer or an attorney engaged on their case (not refused, not waiting)."),
        ), identified, lambda d: has(d, tuple(LEGAL))),
        figure(Figure(
            _("Victims in court proceedings with a lawyer engaged"),
            _("Presumed and identified victims of the period with a court proceeding on their "
              "case (or on their identification, where no case is opened), with a lawyer or an "
              "attorney engaged on their case."),
        ), [d for d in decided if in_court(d)], lambda d: has(d, tuple(LEGAL))),
    ]  # fmt: skip
    median = Median(
        _("Median days from the decision to the initial plan"),
        _("For the victims of the period, the days from the approval of the decision on their "
          "status to the first approval of their case's initial plan. Those whose initial plan "
          "is not approved yet are listed."),
    )  # fmt: skip
    days = []
    for d in decided:
        case = cases.get(d.person_id)
        first = planned.get(case.pk) if case else None
        if first is None:
            median.exceptions.append(label(d))
        else:
            days.append((timezone.localtime(first).date() - d.approved_on).days)
    median.of = len(days)
    median.days = statistics.median(days) if days else None
    return Figures(start, end, figures, median)
