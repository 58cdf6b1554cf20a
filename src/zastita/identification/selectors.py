"""Reads for formal identification, scoped to the actor."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Min
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.core.errors import PermissionDenied
from zastita.core.paging import Page, Pager, first_page
from zastita.core.selectors import get_for_actor
from zastita.identification.models import (
    Decision,
    Identification,
    Interview,
    InterviewKind,
    VictimStatus,
)
from zastita.identification.rules import identification_scope
from zastita.intake.public import PersonLabel, Report, TimelineRow


def identification_get_for_actor(*, actor: User, identification_id: int) -> Identification:
    return get_for_actor(
        Identification.objects.select_related("report_person__report", "person"),
        identification_id, actor=actor, perm="identification.view",
        object_type="identification",
    )  # fmt: skip


def decision_get_for_actor(*, actor: User, decision_id: int) -> Decision:
    return get_for_actor(
        Decision.objects.select_related("identification"), decision_id, actor=actor,
        perm="identification.approve", object_type="decision",
    )  # fmt: skip


PAGE_SIZE = 50
LIST_ORDER = ("-created_at", "-pk")


def identification_list(
    *, actor: User, state: str = "open", awaiting_approval: bool = False,
    pager: Pager | None = None,
) -> Page[Identification]:  # fmt: skip
    """The worklist, one page: codes, report numbers, statuses; nothing decrypted. Each row
    carries `pending` (a proposed decision not yet approved) and `in_force` (the status in
    force).

    The page's ids are picked first on the bare table, through the index on (status,
    created_at), and only those rows are joined and annotated: the cost is the page's,
    not the whole filtered set's."""
    from django.db.models import Exists, OuterRef

    from zastita.identification.models import IdentificationStatus
    from zastita.writtenforms.public import approved_counts

    if not actor.has_perm("identification.view"):
        raise PermissionDenied(object_type="identification_list")
    pending = Decision.objects.filter(identification=OuterRef("pk"), approved_at__isnull=True)
    bare = Identification.objects.filter(identification_scope(actor)).only("pk", "created_at")
    if awaiting_approval:
        # Whatever the state: a review or an appeal awaits on a decided identification.
        bare = bare.filter(Exists(pending))
    elif state == "open":
        bare = bare.filter(status=IdentificationStatus.IN_PROGRESS)
    elif state == "decided":
        bare = bare.filter(status=IdentificationStatus.DECIDED)
    page = (pager or first_page(PAGE_SIZE))(bare, LIST_ORDER)
    ids = [row.pk for row in page.rows]
    full = (
        Identification.objects.filter(pk__in=ids)
        .select_related("person", "report_person__report")
        .annotate(pending=Exists(pending))
        .in_bulk()
    )
    rows: list[Identification] = [full[pk] for pk in ids if pk in full]
    approved = Decision.objects.filter(identification__in=ids, approved_at__isnull=False).exclude(
        superseded_by__approved_at__isnull=False
    )
    in_force = {d.identification_id: d for d in approved.order_by("pk")}
    # The written forms are the writtenforms platform's: counted there, by subject.
    approved_forms = approved_counts("identification", ids)
    for row in rows:
        row.in_force = in_force.get(row.pk)  # type: ignore[attr-defined]
        row.forms_approved = approved_forms.get(row.pk, 0)  # type: ignore[attr-defined]
    page.rows = rows
    return page


def in_force(identification: Identification) -> Decision | None:
    """The decision in force: the approved one not superseded by another approved one."""
    approved = Decision.objects.filter(identification=identification, approved_at__isnull=False)
    return approved.exclude(superseded_by__approved_at__isnull=False).order_by("-pk").first()


# What intake's pages and clocks ask of identification (filled into `intake.slots` at start-up).


def identifications_by_report_person(report_person_ids: list[int]) -> dict[int, int]:
    """{report person id: identification id} for the report page's links."""
    return dict(
        Identification.objects.filter(report_person_id__in=report_person_ids).values_list(
            "report_person_id", "pk"
        )
    )


def report_persons_seen(report: Report) -> dict[int, datetime.datetime]:
    """When each of the report's persons had their first field interview (the field visit)."""
    rows = (
        Interview.objects.filter(
            kind=InterviewKind.FIELD_INTERVIEW, identification__report_person__report=report
        )
        .values("identification__report_person")
        .annotate(first=Min("held_at"))
        .values_list("identification__report_person", "first")
    )
    return {int(pk): first for pk, first in rows}


def report_timeline_rows(report: Report, person: PersonLabel) -> list[TimelineRow]:
    """The report's timeline entries from identification: each person's identification
    opened, interviews held and decisions approved, with who did it (ids only)."""
    rows: list[TimelineRow] = []
    identifications = Identification.objects.filter(report_person__report=report)
    for at, by, rp in identifications.values_list("created_at", "created_by", "report_person"):
        what = _("identification opened, person %(person)s") % {"person": person(rp)}
        rows.append((at, what, by))
    interviews = Interview.objects.filter(identification__in=identifications).values_list(
        "held_at", "kind", "recorded_by", "identification__report_person"
    )
    kinds = dict(InterviewKind.choices)
    for at, kind, by, rp in interviews:
        what = _("%(kind)s, person %(person)s") % {"kind": kinds.get(kind, kind),
                                                    "person": person(rp)}  # fmt: skip
        rows.append((at, what, by))
    decisions = Decision.objects.filter(
        identification__in=identifications, approved_at__isnull=False
    ).values_list("approved_at", "approved_by", "identification__report_person")
    for approved_at, by, rp in decisions:
        what = _("decision approved, person %(person)s") % {"person": person(rp)}
        rows.append((approved_at or report.received_at, what, by))
    return rows


def needs_assessment_text(identification_id: int) -> dict[str, str]:
    """The approved needs and state assessment of an identification, section by section
    (empty when none is approved): the protection plan starts from it."""
    from zastita.identification.models import FormKind
    from zastita.writtenforms.public import approved_text, form_for_subject

    form = form_for_subject(str(FormKind.NEEDS_ASSESSMENT), identification_id)
    return (approved_text(form) if form is not None else None) or {}


@dataclass(frozen=True)
class StatusDecided:
    """A person's status decision in force, approved within a period (for the figures)."""

    identification_id: int
    person_id: int
    status: str
    approved_on: datetime.date
    in_court: bool  # a court proceeding is recorded on the identification


def statuses_decided(start: datetime.date, end: datetime.date) -> list[StatusDecided]:
    """The presumed and identified victims whose decision in force was approved between the
    two days (inclusive), oldest first. Codes and dates only: nothing decrypted."""
    from django.utils import timezone

    from zastita.identification.models import Proceeding, ProceedingStage

    zone = timezone.get_current_timezone()
    chosen = list(
        Decision.objects.filter(
            approved_at__gte=datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
            approved_at__lt=datetime.datetime.combine(
                end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
            ),
            status__in=[VictimStatus.PRESUMED, VictimStatus.IDENTIFIED],
        )
        .exclude(superseded_by__approved_at__isnull=False)
        .select_related("identification")
        .order_by("approved_at", "pk")
    )  # fmt: skip
    court = set(
        Proceeding.objects.filter(
            identification_id__in=[d.identification_id for d in chosen],
            stage=ProceedingStage.COURT,
        ).values_list("identification_id", flat=True)
    )  # fmt: skip
    return [
        StatusDecided(d.identification_id, d.identification.person_id, d.status,
                      timezone.localtime(d.approved_at).date(), d.identification_id in court)
        for d in chosen if d.approved_at is not None
    ]  # fmt: skip
