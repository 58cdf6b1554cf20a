"""Monitoring (мониторинг): the contacts through which the Center follows what the person
and the providers took on: with whom, how, when and how long, the notes (encrypted) and
which tasks of the plan each contact followed up."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zastita.cases.models.case import Case
from zastita.core.models import BaseModel


class ContactWith(models.TextChoices):
    PERSON = "person", pgettext_lazy("a contact with", "the person")
    PROVIDER = "provider", _("a provider")
    PARTNER = "partner", _("a partner institution")


class ContactMode(models.TextChoices):
    HOME_VISIT = "home_visit", _("home visit")
    FIELD = "field", _("in the field")
    OFFICE = "office", _("in the office")
    PHONE = "phone", _("telephone")
    EMAIL = "email", _("e-mail")


class MonitoringContact(BaseModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="monitoring")
    with_whom = models.CharField(_("with"), max_length=10, choices=ContactWith.choices)
    provider = models.ForeignKey(
        "partners.Provider", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("provider"),
    )  # fmt: skip
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("partner institution"),
    )  # fmt: skip
    mode = models.CharField(_("how"), max_length=12, choices=ContactMode.choices)
    held_on = models.DateField(_("date"))
    minutes = models.PositiveIntegerField(_("duration (minutes)"))
    notes = models.TextField(blank=True)  # encrypted
    # The tasks of the plan this contact followed up.
    tasks = models.ManyToManyField("cases.Task", related_name="followed_by", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["case_id", "-held_on", "-pk"]
        verbose_name = _("monitoring contact")
        constraints = [
            models.CheckConstraint(condition=models.Q(minutes__gt=0),
                                   name="cases_monitoring_minutes_positive"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.mode} {self.held_on}"
