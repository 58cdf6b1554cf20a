"""Writes for the services arranged for a case. A service with a provider needs the
person's consent to share with that provider (recorded in the case's plan); above the
configured cost it waits for the head of service's decision; an end before the start, a
negative or absurd cost are refused at their fields. Each write is audited in its
transaction, and the outcome and the decision's reasons are encrypted."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.cases.engagements import sums
from zastita.cases.models import Case, Closure, Decision, Engagement, Funding, PlanSharing
from zastita.cases.services import case_for_work
from zastita.core.concurrency import check_version
from zastita.core.crypto import seal
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.partners.models import Provider

MIN_REASON = 10
MAX_TEXT = 2_000


@dataclass(frozen=True)
class EngagementInput:
    kind: str
    provider: Provider | None
    requested_on: datetime.date
    started_on: datetime.date | None
    ended_on: datetime.date | None
    units: Decimal | None
    unit: str
    cost: Decimal
    funding: str
    funding_source: str = ""


def _audit(actor: User, action: Action, object_id: int) -> None:
    audit_record(action=action, actor=actor, object_type="engagement", object_id=object_id,
                 purpose=Purpose.CASE_WORK)  # fmt: skip


def _checked(case: Case, data: EngagementInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if data.requested_on > today:
        errors["requested_on"] = [_("The request cannot be dated in the future.")]
    if data.started_on and data.started_on < data.requested_on:
        errors["started_on"] = [_("The service cannot start before it was requested.")]
    if data.ended_on and data.started_on is None:
        errors["started_on"] = [_("Give the date the service started.")]
    if data.ended_on and data.started_on and data.ended_on < data.started_on:
        errors["ended_on"] = [_("The service cannot end before it starts.")]
    ceiling = Decimal(settings.ZASTITA_ENGAGEMENT_COST_CEILING)
    if data.cost < 0:
        errors["cost"] = [_("The cost cannot be negative.")]
    elif data.cost > ceiling:
        errors["cost"] = [_("The cost is above %(ceiling)s RSD: check the amount.")
                          % {"ceiling": f"{ceiling:,.0f}".replace(",", ".")}]  # fmt: skip
    if data.units is not None and data.units <= 0:
        errors["units"] = [_("The quantity is more than zero.")]
    if data.units is not None and not data.unit:
        errors["unit"] = [_("Choose the unit of the quantity.")]
    if data.funding in (Funding.PROJECT, Funding.DONOR) and not data.funding_source.strip():
        errors["funding_source"] = [_("Name the project or the donor.")]
    if data.provider is not None:
        if not data.provider.is_active:
            errors["provider"] = [_("Choose a provider from the register.")]
        elif not PlanSharing.objects.filter(plan__case=case, provider=data.provider).exists():
            errors["provider"] = [_(
                "The person has not agreed to share anything with this provider: record "
                "their consent in the plan first."
            )]  # fmt: skip
    return errors


@transaction.atomic(durable=True)
def engagement_add(*, actor: User, case: Case, data: EngagementInput) -> Engagement:
    """A service arranged for the case. Above the configured cost it waits for the head
    of service's decision (the head of service arranging it still decides separately,
    with reasons)."""
    locked = case_for_work(actor, case)
    errors = _checked(locked, data)
    if errors:
        raise ValidationError(fields=errors)
    above = data.cost > Decimal(settings.ZASTITA_ENGAGEMENT_DECISION_ABOVE)
    engagement = Engagement.objects.create(
        case=locked, kind=data.kind, provider=data.provider, requested_on=data.requested_on,
        started_on=data.started_on, ended_on=data.ended_on, units=data.units, unit=data.unit,
        cost=data.cost, funding=data.funding, funding_source=data.funding_source.strip(),
        decision=Decision.PENDING if above else Decision.NOT_NEEDED, created_by=actor,
    )  # fmt: skip
    _audit(actor, Action.CREATE, engagement.pk)
    sums.refresh(engagement.case_id)
    return engagement


@transaction.atomic(durable=True)
def engagement_decide(*, actor: User, engagement: Engagement, approve: bool, reasons: str,
                      version: int | None) -> Engagement:  # fmt: skip
    """The head of service approves or refuses a service above the configured cost, with
    reasons (encrypted)."""
    locked = Engagement.objects.select_for_update().select_related("case").get(pk=engagement.pk)
    case_for_work(actor, locked.case)
    if not actor.has_perm("cases.approve", locked.case):
        raise PermissionDenied(object_type="engagement", object_id=str(locked.pk))
    if locked.decision != Decision.PENDING:
        raise ValidationError(_("This service is not waiting for a decision."))
    if len(reasons.strip()) < MIN_REASON:
        raise ValidationError(
            fields={
                "reasons": [
                    _("Give the reasons in at least %(count)d characters.") % {"count": MIN_REASON}
                ]
            }
        )
    check_version(locked.version, version)
    locked.decision = Decision.APPROVED if approve else Decision.REFUSED
    locked.decided_by, locked.decided_at = actor, timezone.now()
    locked.decision_reasons = seal(reasons.strip(), "engagement", locked.pk, "decision_reasons")
    locked.version += 1
    locked.save(update_fields=["decision", "decided_by", "decided_at", "decision_reasons",
                               "version", "updated_at"])  # fmt: skip
    _audit(actor, Action.TRANSITION, locked.pk)
    sums.refresh(locked.case_id)
    return locked


@transaction.atomic(durable=True)
def engagement_end(*, actor: User, engagement: Engagement, ended_on: datetime.date | None,
                   outcome: str, version: int | None) -> Engagement:  # fmt: skip
    """The service ended: when, and how it went (encrypted)."""
    locked = Engagement.objects.select_for_update().select_related("case").get(pk=engagement.pk)
    case_for_work(actor, locked.case)
    if not locked.is_open:
        raise ValidationError(_("This service is already ended."))
    if locked.decision == Decision.PENDING:
        raise ValidationError(_("This service is waiting for the head of service's decision."))
    errors: dict[str, list[str]] = {}
    start = locked.started_on or locked.requested_on
    if ended_on is None:
        errors["ended_on"] = [_("Give the date the service ended.")]
    elif ended_on < start or ended_on > timezone.localdate():
        errors["ended_on"] = [_("The end is between the service's start and today.")]
    if not outcome.strip():
        errors["outcome"] = [_("Say briefly how the service went.")]
    elif len(outcome) > MAX_TEXT:
        errors["outcome"] = [_("At most %(count)d characters.") % {"count": MAX_TEXT}]
    if errors or ended_on is None:  # (a missing date is in `errors`)
        raise ValidationError(fields=errors)
    check_version(locked.version, version)
    return end_within(actor, locked, ended_on, outcome.strip())


def end_within(actor: User, locked: Engagement, ended_on: datetime.date, outcome: str,
               settled_by: Closure | None = None) -> Engagement:  # fmt: skip
    """Ends the locked, checked service inside the caller's transaction (its page, or the
    approval of the case's closure that ends what is still open)."""
    locked.started_on = locked.started_on or min(locked.requested_on, ended_on)
    locked.ended_on = ended_on
    locked.outcome = seal(outcome, "engagement", locked.pk, "outcome")
    locked.settled_by = settled_by
    locked.version += 1
    locked.save(update_fields=["started_on", "ended_on", "outcome", "version", "settled_by",
                               "updated_at"])  # fmt: skip
    _audit(actor, Action.TRANSITION, locked.pk)
    sums.refresh(locked.case_id)
    return locked


def open_engagements(case: Case) -> list[Engagement]:
    engagements = Engagement.objects.filter(case=case).select_related("provider__organisation")
    return [e for e in engagements if e.is_open]
