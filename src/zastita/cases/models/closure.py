"""The closure of a case (затварање рада на случају, form 12): prepared by the case's
worker with its reason, written on the platform's forms (the state of the goals and the
follow-up agreed), and approved by the head of service, whose approval closes the case (or
closes and refers it) and issues the form. A case reopened and closed again has a closure
for each period."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zastita.cases.models.case import Case, CaseTransition
from zastita.core.models import BaseModel


class ClosureReason(models.TextChoices):
    GOALS_REACHED = "goals_reached", _("the goals of the plan are reached")
    REFERRED = "referred", _("referred to another institution or country")
    MOVED_AWAY = "moved_away", _("the person moved away")
    REFUSED = "refused", _("the person refused further support")
    DEATH = "death", _("death of the person")
    OTHER = "other", _("other")


class Closure(BaseModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="closures")
    reason = models.CharField(_("reason for closing"), max_length=16,
                              choices=ClosureReason.choices)  # fmt: skip
    # Closed and referred (handed over) rather than closed.
    referred = models.BooleanField(_("hand the case over to another institution"), default=False)
    # The services and tasks still open are ended by the approval, in the same step (handed
    # over with the case when it is referred); otherwise they must be ended before.
    settle_open = models.BooleanField(_("end what is still open with the closure"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The step that closed the case, once the head of service approved the form.
    transition = models.OneToOneField(
        CaseTransition, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["case_id", "-created_at", "-pk"]
        verbose_name = _("closure of a case")

    def __str__(self) -> str:
        return f"closure {self.pk}"

    @property
    def form_code(self) -> str:
        return "cases.closure"

    @property
    def is_done(self) -> bool:
        return self.transition_id is not None
