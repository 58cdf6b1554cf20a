"""Reviews (поновни преглед, form 10): at an interval set per case the Center reviews the
progress on each goal of the plan in force with the person, and decides what follows: a
revised plan, follow-up, or closure. The progress is codes; the assessment is encrypted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zastita.cases.models.case import Case
from zastita.core.models import BaseModel


class Progress(models.TextChoices):
    REACHED = "reached", _("reached")
    PROGRESSING = "progressing", _("progressing")
    STALLED = "stalled", _("no progress")
    DROPPED = "dropped", _("no longer pursued")


class ReviewOutcome(models.TextChoices):
    CONTINUE = "continue", _("continue with the plan as it is")
    REVISE = "revise", _("revise the plan")
    FOLLOW_UP = "follow_up", _("move to follow-up")
    CLOSE = "close", _("prepare the closure")


class Review(BaseModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField(_("date of the review"))
    # {goal id: progress code} for the goals of the plan in force.
    progress = models.JSONField(default=dict)
    outcome = models.CharField(_("what follows"), max_length=10, choices=ReviewOutcome.choices)
    assessment = models.TextField(blank=True)  # encrypted
    # The revision of the plan the review started, when it decided to revise it.
    revised_plan = models.ForeignKey(
        "cases.Plan", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["case_id", "-held_on", "-pk"]
        verbose_name = _("review")

    def __str__(self) -> str:
        return f"review {self.held_on}"
