"""The services the Center arranges for a case (ангажовање): who provides them, when, how
much of them, what they cost and who pays, and how they ended. Above a configured cost the
head of service decides, with reasons (seed 001: «упутство за начин доношења одлуке и
ангажовања адвоката и психотерапеута»). The outcome and the reasons are encrypted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zastita.cases.models.case import Case
from zastita.core.models import BaseModel


class EngagementKind(models.TextChoices):
    """Seed 001, goal III, activity 2: what the Center engages for a person."""

    LAWYER = "lawyer", _("lawyer")
    LAWYER_COURT = "lawyer_court", _("lawyer or attorney for court proceedings")
    PSYCHOTHERAPIST = "psychotherapist", _("psychotherapist")
    INTERPRETER = "interpreter", _("interpreter")
    TRANSPORT = "transport", _("transport")
    ACCOMMODATION = "accommodation", _("help with accommodation")
    HEALTH = "health", _("help with health care")
    DOCUMENTS = "documents", _("civil-status and identity documents")
    AID_PACKAGE = "aid_package", _("aid package (food, hygiene)")
    CLOTHES = "clothes", _("clothes and shoes")
    BOOKS = "books", _("books")
    EMPLOYMENT = "employment", _("employment (National Employment Service protocol)")
    OTHER = "other", _("other")


# Psychological and legal support, as the director's figures count them.
LEGAL = (EngagementKind.LAWYER, EngagementKind.LAWYER_COURT)
PSYCHOLOGICAL = (EngagementKind.PSYCHOTHERAPIST,)


class Unit(models.TextChoices):
    HOURS = "hours", _("hours")
    SESSIONS = "sessions", _("sessions")
    DAYS = "days", _("days")
    ITEMS = "items", _("items")
    TRIPS = "trips", _("trips")


class Funding(models.TextChoices):
    BUDGET = "budget", _("the Center's budget")
    PROJECT = "project", _("a project")
    DONOR = "donor", _("a donor")
    IN_KIND = "in_kind", _("in kind")


class Decision(models.TextChoices):
    # Within what a worker arranges alone (at or below the configured cost).
    NOT_NEEDED = "not_needed", _("no decision needed")
    PENDING = "pending", _("waiting for the head of service")
    APPROVED = "approved", _("approved")
    REFUSED = "refused", _("refused")


class Engagement(BaseModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="engagements")
    kind = models.CharField(_("service"), max_length=20, choices=EngagementKind.choices)
    provider = models.ForeignKey(
        "partners.Provider", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("provider"),
    )  # fmt: skip
    requested_on = models.DateField(_("requested on"))
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    units = models.DecimalField(_("quantity"), max_digits=8, decimal_places=2, null=True,
                                blank=True)  # fmt: skip
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, blank=True)
    # In dinars (RSD).
    cost = models.DecimalField(_("cost (RSD)"), max_digits=12, decimal_places=2, default=0)
    funding = models.CharField(_("paid from"), max_length=10, choices=Funding.choices)
    # The project's or the donor's name (an institution, never a person the Center protects).
    funding_source = models.CharField(_("project or donor"), max_length=200, blank=True)
    decision = models.CharField(max_length=12, choices=Decision.choices,
                                default=Decision.NOT_NEEDED)  # fmt: skip
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reasons = models.TextField(blank=True)  # encrypted
    outcome = models.TextField(blank=True)  # encrypted: how it went, for the person
    # The closure whose approval ended it (handed over with the case when it is referred).
    settled_by = models.ForeignKey(
        "cases.Closure", on_delete=models.PROTECT, null=True, blank=True,
        related_name="engagements",
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["case_id", "requested_on", "pk"]
        verbose_name = _("service arranged")
        constraints = [
            models.CheckConstraint(condition=models.Q(cost__gte=0),
                                   name="cases_engagement_cost_not_negative"),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(started_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="cases_engagement_ends_after_start",
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["requested_on"], name="cases_engagement_year")]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"

    @property
    def is_open(self) -> bool:
        """Arranged and not yet ended (nor refused)."""
        return self.ended_on is None and self.decision != Decision.REFUSED
