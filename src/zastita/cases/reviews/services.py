"""Writes for reviews: a review assesses every goal of the plans in force, decides what
follows, and sets the next review. "Revise the plan" starts the revision of the latest
approved plan (its goals carried); "follow-up" moves an active case to follow-up; the
closure itself is the case's step, with its reason. Audited in its transaction."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.cases.models import (
    Case,
    CaseStatus,
    CaseTransition,
    Goal,
    Plan,
    Progress,
    Review,
    ReviewOutcome,
)
from zastita.cases.reviews.clock import review_start, review_stop
from zastita.cases.services import case_for_work
from zastita.core.crypto import seal
from zastita.core.errors import ValidationError

MAX_TEXT = 10_000


def goals_in_force(case: Case) -> list[Goal]:
    """The goals of the case's approved plans that are not set aside, in order."""
    return list(
        Goal.objects.filter(plan__case=case, plan__approved_at__isnull=False,
                            plan__superseded_at__isnull=True)
        .select_related("plan").order_by("plan__kind", "position")
    )  # fmt: skip


def _latest_approved(case: Case) -> Plan | None:
    return (
        Plan.objects.filter(case=case, approved_at__isnull=False, superseded_at__isnull=True)
        .order_by("kind", "-revision").first()
    )  # fmt: skip


@transaction.atomic(durable=True)
def review_record(*, actor: User, case: Case, held_on: datetime.date | None,
                  progress: dict[int, str], outcome: str, assessment: str) -> Review:  # fmt: skip
    locked = case_for_work(actor, case)
    goals = goals_in_force(locked)
    errors: dict[str, list[str]] = {}
    if held_on is None or held_on > timezone.localdate() or held_on < locked.opened_at.date():
        errors["held_on"] = [_("The review is dated between the case's opening and today.")]
    if not goals:
        errors["__all__"] = [_("A review assesses the goals of an approved plan: the case "
                               "has none yet.")]  # fmt: skip
    for goal in goals:
        if progress.get(goal.pk) not in Progress.values:
            errors[f"goal_{goal.pk}"] = [_("Assess the progress on this goal.")]
    if outcome not in ReviewOutcome.values:
        errors["outcome"] = [_("Choose what follows the review.")]
    if not assessment.strip():
        errors["assessment"] = [_("Write the assessment, with the person's view.")]
    elif len(assessment) > MAX_TEXT:
        errors["assessment"] = [_("At most %(count)d characters.") % {"count": MAX_TEXT}]
    revising = _latest_approved(locked) if outcome == ReviewOutcome.REVISE else None
    if outcome == ReviewOutcome.REVISE and (
        revising is None or Plan.objects.filter(case=locked, approved_at__isnull=True).exists()
    ):
        errors["outcome"] = [_("A revision of the plan is already under way: finish it first.")]
    if outcome == ReviewOutcome.FOLLOW_UP and locked.status != CaseStatus.ACTIVE:
        errors["outcome"] = [_("Only an active case moves to follow-up.")]
    if errors or held_on is None:  # (a missing date is in `errors`)
        raise ValidationError(fields=errors)
    now = timezone.now()
    review = Review.objects.create(
        case=locked, held_on=held_on, outcome=outcome, created_by=actor,
        progress={str(g.pk): progress[g.pk] for g in goals},
    )  # fmt: skip
    review.assessment = seal(assessment.strip(), "review", review.pk, "assessment")
    if revising is not None:
        from zastita.cases.plans.services import revise_within

        review.revised_plan = revise_within(actor=actor, plan=revising)
    review.save(update_fields=["assessment", "revised_plan"])
    if outcome == ReviewOutcome.FOLLOW_UP:
        CaseTransition.objects.create(
            case=locked, from_status=locked.status, to_status=CaseStatus.FOLLOW_UP,
            actor=actor, at=now,
        )  # fmt: skip
        locked.status = CaseStatus.FOLLOW_UP
        locked.version += 1
        locked.save(update_fields=["status", "version", "updated_at"])
    review_stop(locked, at=now, actor=actor, cancel=False)
    review_start(locked, at=now, actor=actor)
    audit_record(action=Action.CREATE, actor=actor, object_type="review", object_id=review.pk,
                 purpose=Purpose.CASE_WORK)  # fmt: skip
    from zastita.cases.documents import REVIEW
    from zastita.documents.public import document_issue

    # Form 10, in the same transaction: a review that cannot be issued is not recorded.
    document_issue(actor=actor, type_code=REVIEW, subject_id=review.pk,
                   step_key=f"review:{review.pk}")  # fmt: skip
    return review
