"""Proceedings on the case (поступци): the police, prosecution and court cases the person
takes part in, kept on their case from its opening, with every change of stage, role or
consent to cooperate as history. Those recorded on the identification are copied to the case
when it opens; the identification's own list is read-only from then on."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zastita.cases.models.case import Case
from zastita.identification.public import (
    Consent,
    ProceduralRole,
    ProceedingFields,
    ProceedingStage,
)


class CaseProceeding(ProceedingFields):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="proceedings")
    # The identification's record it was copied from, when the case opened.
    copied_from = models.OneToOneField(
        "identification.Proceeding", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["case_id", "pk"]
        verbose_name = _("proceeding")

    def __str__(self) -> str:
        return f"{self.stage} {self.pk}"


class ProceedingChange(models.Model):
    """One state of a proceeding: the first as it was recorded (or copied), then each change,
    with who made it, when, and why (encrypted)."""

    proceeding = models.ForeignKey(CaseProceeding, on_delete=models.PROTECT, related_name="history")
    stage = models.CharField(_("stage"), max_length=12, choices=ProceedingStage.choices)
    role = models.CharField(_("procedural role"), max_length=8, choices=ProceduralRole.choices)
    consent = models.CharField(_("consent to cooperate"), max_length=10, choices=Consent.choices)
    consent_on = models.DateField(null=True, blank=True)
    authority = models.TextField()  # encrypted
    reference = models.TextField()  # encrypted
    note = models.TextField(blank=True)  # why it changed (encrypted)
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["proceeding_id", "at", "pk"]
        verbose_name = _("change of a proceeding")

    def __str__(self) -> str:
        return f"{self.stage} {self.at:%Y-%m-%d}"
