"""The history of assignments: each change of who works on a record. The record itself
carries the current assignment (`accounts.models.Assigned`); a row here is never changed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zastita.accounts.models import Team
from zastita.core.models import BaseModel


class AssignmentChange(BaseModel):
    """The assignment a record had from `created_at` on: the assigned worker, the team and
    the co-workers (their account ids), and who made the change. Ids and codes only."""

    subject_type = models.CharField(max_length=40)
    subject_id = models.PositiveBigIntegerField()
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("assigned to"),
    )  # fmt: skip
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("team"),
    )  # fmt: skip
    coworker_ids = models.JSONField(default=list)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Taken by the worker themselves (the duty worker who takes a report), not assigned.
    taken = models.BooleanField(default=False)

    class Meta:
        ordering = ["subject_type", "subject_id", "created_at", "pk"]
        verbose_name = _("change of assignment")
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="assignments_subject_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject_type} {self.subject_id} -> {self.assignee_id}"


class GlassReason(models.TextChoices):
    URGENT_DUTY = "urgent_duty", _("urgent duty")
    COVERING = "covering", _("covering for a colleague")
    SUPERVISION = "supervision", _("supervision")
    OTHER = "other", _("other")


class GlassAccess(BaseModel):
    """Break-the-glass: a worker opened a record outside their scope, with a stated reason.
    The explanation is encrypted (it may speak of the person); the row is never changed. The
    grant itself lives in the worker's session, for the rest of it."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("opened by"),
    )  # fmt: skip
    subject_type = models.CharField(max_length=40)
    subject_id = models.PositiveBigIntegerField()
    reason = models.CharField(_("reason"), max_length=20, choices=GlassReason.choices)
    explanation = models.TextField(blank=True)  # encrypted

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("access with a stated reason")
        indexes = [models.Index(fields=["created_at"], name="assignments_glass_time_idx")]

    def __str__(self) -> str:
        return f"{self.subject_type} {self.subject_id} by {self.actor_id}"
