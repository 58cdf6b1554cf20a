"""Deadlines on subjects of any app, their targets (data, versioned) and their pauses.

A deadline knows its subject only as `(subject_type, subject_id)`: the platform imports no
domain model. What a kind is (its label, default target, recipients, link) is registered by
the owning app in `zastita.core.registries.deadlines`. A pause's reason is free text and is
stored encrypted; the rest are times, codes and ids.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zastita.core.models import BaseModel
from zastita.core.registries.deadlines import deadline_kinds


class DeadlineTarget(BaseModel):
    """One version of the time allowed for a kind (and variant): rows are only added, the
    newest version is the one in force, and each says who set it. A deadline keeps the
    version it started with."""

    kind = models.CharField(_("deadline"), max_length=64)
    variant = models.CharField(_("variant"), max_length=32, blank=True)
    version = models.PositiveIntegerField()
    target = models.DurationField(_("time allowed"))
    # Warnings when this share of the time has passed, e.g. [50, 80] (per cent).
    warn_at_percent = models.JSONField(_("warnings at (per cent of the time)"), default=list)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["kind", "variant", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "variant", "version"], name="deadlines_target_version_once"
            ),
            models.CheckConstraint(
                condition=models.Q(target__gt=datetime.timedelta(0)),
                name="deadlines_target_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}/{self.variant} v{self.version}: {self.target}"


class DeadlineState(models.TextChoices):
    RUNNING = "running", _("running")
    PAUSED = "paused", _("paused")
    MET = "met", _("met")
    MET_LATE = "met_late", _("met late")
    CANCELLED = "cancelled", _("no longer needed")


OPEN_STATES = (DeadlineState.RUNNING, DeadlineState.PAUSED)


class Deadline(BaseModel):
    """A deadline on one subject. It runs in real time (nights, weekends and holidays count)
    except while paused: the paused time is added to `paused_total` and moves the due time.
    Each warning, the breach and the escalation is claimed by one conditional UPDATE, so two
    workers never take one step twice."""

    kind = models.CharField(max_length=64)
    variant = models.CharField(max_length=32, blank=True)
    subject_type = models.CharField(max_length=32)
    subject_id = models.PositiveBigIntegerField()
    state = models.CharField(
        max_length=12, choices=DeadlineState.choices, default=DeadlineState.RUNNING
    )
    # The target version it started with (null: the kind's default, no target was set).
    target = models.ForeignKey(
        DeadlineTarget, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField()
    # The time allowed and the warnings, fixed at the start.
    allowed = models.DurationField()
    warn_at_percent = models.JSONField(default=list)
    due_at = models.DateTimeField(db_index=True)
    warnings_sent = models.PositiveSmallIntegerField(default=0)
    # When the worker should look at this deadline again; null once nothing more can happen
    # (and while it is paused).
    next_check_at = models.DateTimeField(null=True, blank=True)
    breached_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_total = models.DurationField(default=datetime.timedelta(0))
    pause_reason = models.TextField(blank=True)  # encrypted: free text

    class Meta:
        ordering = ["due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_type", "subject_id"], name="deadlines_one_open_per_kind",
                condition=models.Q(state__in=["running", "paused"]),
            ),
            models.CheckConstraint(
                condition=~models.Q(state="paused") | models.Q(paused_at__isnull=False),
                name="deadlines_paused_has_time",
            ),
        ]  # fmt: skip
        indexes = [
            models.Index(fields=["state", "next_check_at"], name="deadlines_due"),
            models.Index(fields=["subject_type", "subject_id"], name="deadlines_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_type}:{self.subject_id}"

    def get_kind_display(self) -> str:
        """The kind's name, as its owning app registered it (its code if no longer)."""
        spec = deadline_kinds.find(self.kind)
        return str(spec.label) if spec is not None else self.kind

    def seconds_left(self, now: datetime.datetime) -> int:
        """Negative once late; a paused deadline counts from the moment it was paused."""
        return int((self.due_at - (self.paused_at or now)).total_seconds())

    def warn_times(self) -> list[datetime.datetime]:
        """The warnings' times: a share of the time allowed, moved by the time paused."""
        start = self.started_at + self.paused_total
        return [start + self.allowed * int(p) / 100 for p in self.warn_at_percent]

    def next_check(self) -> datetime.datetime | None:
        """When something can next happen to a running deadline."""
        if self.state != DeadlineState.RUNNING:
            return None
        times = self.warn_times()
        if self.warnings_sent < len(times):
            return times[self.warnings_sent]
        if self.breached_at is None:
            return self.due_at
        if self.escalated_at is None:
            return self.breached_at
        return None


class DeadlinePause(BaseModel):
    """One pause of a deadline: when, how long, who, and why (encrypted)."""

    deadline = models.ForeignKey(Deadline, on_delete=models.PROTECT, related_name="pauses")
    paused_at = models.DateTimeField()
    resumed_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)  # encrypted: free text
    paused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    resumed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["paused_at", "pk"]

    def __str__(self) -> str:
        return f"pause of {self.deadline_id} at {self.paused_at:%Y-%m-%d %H:%M}"

    @property
    def length(self) -> datetime.timedelta | None:
        return None if self.resumed_at is None else self.resumed_at - self.paused_at
