"""The case (случај): one person's protection, from the decision on their status (or, when
they need protection now, before it) to its closure. One open case per person; a person
trafficked again gets a new case linked to the earlier one. Reasons are encrypted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zastita.accounts.models import Assigned
from zastita.core.models import BaseModel


def case_number(year: int, sequence: int) -> str:
    """A case's number as printed, from its year and its sequence in that year."""
    return f"С-{sequence:04d}/{year}"


class CaseStatus(models.TextChoices):
    # HTCDS cas_Status: Active, FollowUp, Closed, ClosedReferred; "opened" is the step before
    # the work starts (the case manager not yet confirmed it).
    OPENED = "opened", _("opened")
    ACTIVE = "active", _("active")
    FOLLOW_UP = "follow_up", _("follow-up")
    CLOSED = "closed", _("closed")
    CLOSED_REFERRED = "closed_referred", _("closed and referred")


OPEN_STATUSES = (CaseStatus.OPENED, CaseStatus.ACTIVE, CaseStatus.FOLLOW_UP)

# HTCDS cas_Status for each status (exports use these).
HTCDS_STATUS = {
    CaseStatus.OPENED: "Active",
    CaseStatus.ACTIVE: "Active",
    CaseStatus.FOLLOW_UP: "FollowUp",
    CaseStatus.CLOSED: "Closed",
    CaseStatus.CLOSED_REFERRED: "ClosedReferred",
}


def default_review_days() -> int:
    """The review interval a new case gets (configurable; three months by default)."""
    return int(getattr(settings, "ZASTITA_REVIEW_EVERY_DAYS", 91))


class Case(Assigned, BaseModel):
    """A person's protection. `identification` is the one whose decision opened it (empty
    for a case opened while the status is pending, with the reason why it could not wait);
    `previous` is the person's earlier case when they were trafficked again."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cases")
    identification = models.ForeignKey(
        "identification.Identification", on_delete=models.PROTECT, null=True, blank=True,
        related_name="cases",
    )  # fmt: skip
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_case"
    )
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.OPENED
    )
    # Why a case was opened before the decision on the person's status (encrypted).
    opening_reason = models.TextField(blank=True)
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # How often the case is reviewed (поновни преглед), in days.
    review_every_days = models.PositiveSmallIntegerField(
        _("review every (days)"), default=default_review_days
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("case")
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="cases_case_number"),
            # One open case per person, whatever two workers do at once.
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(status__in=OPEN_STATUSES),
                name="cases_one_open_case_per_person",
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["status", "opened_at"], name="cases_status_idx")]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        """The case's number as printed: С-0012/2026."""
        return case_number(self.year, self.sequence)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class CaseTransition(models.Model):
    """One step of a case's workflow, for its timeline. A reason, if any, is encrypted."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=CaseStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)  # encrypted
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("step of a case")

    def __str__(self) -> str:
        return f"{self.from_status}->{self.to_status}"
