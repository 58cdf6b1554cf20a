"""The duty roster: who is on duty now, shifts, coverage gaps, and Serbia's holidays."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import holidays
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.intake import sealing
from zastita.intake.models import Shift, ShiftKind

MAX_SHIFT = datetime.timedelta(hours=24)


@dataclass(frozen=True)
class OnDuty:
    primary: list[User]
    backup: list[User]

    @property
    def first_responders(self) -> list[User]:
        return self.primary or self.backup


def on_duty(at: datetime.datetime | None = None) -> OnDuty:
    """Who is on duty at `at` (now by default): no permission needed, names of staff only."""
    at = at or timezone.now()
    shifts = Shift.objects.filter(starts_at__lte=at, ends_at__gt=at).select_related("user")
    primary = [s.user for s in shifts if s.kind == ShiftKind.PRIMARY and s.user.is_active]
    backup = [s.user for s in shifts if s.kind == ShiftKind.BACKUP and s.user.is_active]
    return OnDuty(primary, backup)


def on_duty_for_request(request: object) -> OnDuty:
    """Who is on duty now, read once per request however many parts of the page ask (the
    layout's "on duty now" line and the duty board)."""
    cached = getattr(request, "_zastita_on_duty", None)
    if cached is None:
        cached = on_duty()
        request._zastita_on_duty = cached  # type: ignore[attr-defined]
    return cached


def users_with(capability: str) -> list[User]:
    users = User.objects.filter(is_active=True).prefetch_related("roles")
    return [u for u in users if u.has_capability(capability)]


def shift_list(*, actor: User, start: datetime.date, days: int) -> QuerySet[Shift]:
    if not actor.has_perm("intake.see_duty"):
        raise PermissionDenied(object_type="shift_list")
    tz = timezone.get_current_timezone()
    begin = datetime.datetime.combine(start, datetime.time.min, tz)
    end = begin + datetime.timedelta(days=days)
    return Shift.objects.filter(starts_at__lt=end, ends_at__gt=begin).select_related("user")


def coverage_gaps(
    shifts: list[Shift], start: datetime.datetime, end: datetime.datetime
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """Periods in [start, end) with no primary shift: nights and holidays included."""
    gaps = []
    cursor = start
    for shift in sorted(
        (s for s in shifts if s.kind == ShiftKind.PRIMARY), key=lambda s: s.starts_at
    ):
        if shift.starts_at > cursor:
            gaps.append((cursor, min(shift.starts_at, end)))
        cursor = max(cursor, shift.ends_at)
        if cursor >= end:
            break
    if cursor < end:
        gaps.append((cursor, end))
    return [(a, b) for a, b in gaps if a < b]


def serbian_holidays(year: int) -> dict[datetime.date, str]:
    return dict(holidays.country_holidays("RS", years=year).items())


@transaction.atomic(durable=True)
def shift_create(
    *, actor: User, user: User, kind: str, starts_at: datetime.datetime,
    ends_at: datetime.datetime, handover: str = "",
) -> Shift:  # fmt: skip
    if not actor.has_perm("intake.manage_roster"):
        raise PermissionDenied(object_type="shift")
    errors: dict[str, list[str]] = {}
    if kind not in ShiftKind.values:
        errors["kind"] = [_("Choose a value from the list.")]
    if ends_at <= starts_at:
        errors["ends_at"] = [_("The shift must end after it starts.")]
    elif ends_at - starts_at > MAX_SHIFT:
        errors["ends_at"] = [_("A shift lasts at most 24 hours.")]
    if not user.has_perm("intake.receive"):
        errors["user"] = [_("This person does not receive reports.")]
    if (
        not errors
        and Shift.objects.filter(user=user, starts_at__lt=ends_at, ends_at__gt=starts_at).exists()
    ):
        errors["starts_at"] = [_("This person already has a shift at that time.")]
    if errors:
        raise ValidationError(fields=errors)
    shift = Shift.objects.create(
        user=user, kind=kind, starts_at=starts_at, ends_at=ends_at, created_by=actor
    )
    if handover:
        shift.handover = sealing.seal(handover, report_key=f"shift{shift.pk}", field="handover")
        shift.save(update_fields=["handover"])
    audit_record(
        action=Action.CREATE, actor=actor, object_type="shift", object_id=shift.pk,
        purpose=Purpose.ADMINISTRATION,
    )  # fmt: skip
    return shift


@transaction.atomic(durable=True)
def shift_handover(*, actor: User, shift: Shift, note: str) -> Shift:
    """The worker going off duty leaves a note for the next one (it may name cases, so it
    is encrypted)."""
    if shift.user_id != actor.pk and not actor.has_perm("intake.manage_roster"):
        raise PermissionDenied(object_type="shift", object_id=str(shift.pk))
    note = note.strip()
    if not note:
        raise ValidationError(fields={"note": [_("Write the handover note.")]})
    shift.handover = sealing.seal(note, report_key=f"shift{shift.pk}", field="handover")
    shift.save(update_fields=["handover", "updated_at"])
    audit_record(
        action=Action.UPDATE, actor=actor, object_type="shift", object_id=shift.pk,
        purpose=Purpose.CASE_WORK,
    )  # fmt: skip
    return shift


def handover_text(shift: Shift) -> str:
    return sealing.unseal(shift.handover, report_key=f"shift{shift.pk}", field="handover")
