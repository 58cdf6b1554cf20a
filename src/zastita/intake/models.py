"""Reports (пријаве) and what keeps them from waiting unseen: the registry number, the
workflow's history, response clocks, notifications, the duty roster.

Everything that could identify someone (a private reporter, the narrative, provisional
descriptions of persons, reasons, attachments' names and contents) is encrypted; what stays
in clear is what the duty board, the clocks and the statistics need.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zastita.accounts.models import Assigned
from zastita.core.files.attachments import AttachmentFields
from zastita.core.models import BaseModel


class Channel(models.TextChoices):
    PHONE = "phone", _("phone")
    EMAIL = "email", _("e-mail")
    LETTER = "letter", _("letter")
    IN_PERSON = "in_person", _("in person")
    PARTNER_APP = "partner_app", _("partner app")
    POLICE_SYSTEM = "police_system", _("police system")
    HOTLINE = "hotline", _("hotline")
    OTHER = "other", _("other")


class ReporterKind(models.TextChoices):
    ORGANISATION = "organisation", _("an organisation")
    PRIVATE = "private", _("a private person")
    ANONYMOUS = "anonymous", _("anonymous")


class ReporterSector(models.TextChoices):
    """Who reported, by sector, as the annual statistics count reports "by source"."""

    POLICE = "police", _("police")
    SOCIAL_WORK = "social_work", _("social work centre")
    GOVERNMENT = "government", _("other government body")
    EDUCATION = "education", _("education")
    HEALTH = "health", _("health")
    NGO_IO = "ngo_io", _("NGO or international organisation")
    SELF_REPORT = "self_report", _("self-report")
    CITIZEN = "citizen", _("citizen")
    LABOUR_INSPECTION = "labour_inspection", _("labour inspectorate")
    JUDICIARY = "judiciary", _("judiciary")
    EMBASSY = "embassy", _("embassy")


class Urgency(models.TextChoices):
    IMMEDIATE = "immediate", _("immediate danger")
    CHILD = "child", _("a child")
    ORDINARY = "ordinary", _("ordinary")


class Exploitation(models.TextChoices):
    """HTCDS vic_TypeOfExploitation, with forced criminality as a local value (HTCDS has
    none: it is exported as Other with a local code)."""

    SEXUAL = "SexualExploitation", _("sexual exploitation")
    LABOUR = "ForcedLabour", _("forced labour")
    BEGGING = "ForcedBegging", _("forced begging")
    CRIMINALITY = "ForcedCriminality", _("forced criminality")
    MARRIAGE = "ForcedMarriage", _("forced marriage")
    CHILD_LABOUR = "ChildLabour", _("child labour")
    SERVITUDE = "Servitude", _("servitude")
    ADOPTION = "ForcedAdoption", _("illegal adoption")
    ORGANS = "OrganRemoval", _("organ removal")
    SURROGACY = "Surrogacy", _("surrogacy")
    MILITARY = "ForcedMilitaryByNonStateActors", _("forced military use by non-state actors")
    OTHER = "Other", _("other")
    UNKNOWN = "Unknown", _("not yet known")


class Status(models.TextChoices):
    RECEIVED = "received", _("received")
    REGISTERED = "registered", _("registered")
    ACCEPTED = "accepted", _("accepted for identification")
    FORWARDED = "forwarded", _("forwarded to the competent body")
    REJECTED = "rejected", _("rejected")
    IDENTIFICATION = "identification", _("identification under way")
    DISCONTINUED = "discontinued", _("discontinued")
    CLOSED = "closed", _("closed")


class ReportOutcome(models.TextChoices):
    """A report's outcome for the annual statistics, kept current from its workflow and
    from the decisions on its persons."""

    PENDING = "pending", _("pending")
    IDENTIFIED = "identified", _("victim identified")
    NOT_VICTIM = "not_victim", _("not a victim")
    REJECTED = "rejected", _("rejected")
    FORWARDED = "forwarded", _("forwarded")
    DISCONTINUED = "discontinued", _("discontinued")


class Report(Assigned, BaseModel):
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RECEIVED)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=ReportOutcome.choices, default=ReportOutcome.PENDING
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    received_at = models.DateTimeField(_("received"), db_index=True)
    reporter_kind = models.CharField(_("reporter"), max_length=16, choices=ReporterKind.choices)
    reporter_organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="reports",
    )  # fmt: skip
    reporter_sector = models.CharField(
        _("reporter's sector"), max_length=20, choices=ReporterSector.choices, blank=True
    )
    # A private reporter's name and contact, encrypted; empty for the others.
    reporter_identity = models.TextField(blank=True)
    # A code of the reference list (core.municipalities), counted by the statistics; a place
    # not on the list is OTHER, its name encrypted in municipality_other.
    municipality = models.CharField(_("municipality or city"), max_length=40)
    municipality_other = models.TextField(blank=True)  # encrypted
    exploitation = models.JSONField(_("suspected forms of exploitation"), default=list)
    urgency = models.CharField(_("urgency"), max_length=12, choices=Urgency.choices)
    narrative = models.TextField()  # encrypted
    key_id = models.CharField(max_length=16)
    first_contact_at = models.DateTimeField(null=True, blank=True)
    # The decision (одлука о поднетој пријави), and where a forwarded report went.
    decided_at = models.DateTimeField(null=True, blank=True)
    forwarded_to = models.TextField(_("competent body"), blank=True)  # encrypted
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    submitted_with = models.ForeignKey(
        "partners.ApiKey", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="intake_report_number"),
            models.CheckConstraint(
                condition=~models.Q(reporter_kind="organisation")
                | models.Q(reporter_organisation__isnull=False),
                name="intake_report_organisation_named",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "received_at"], name="intake_report_status"),
            # The duty board's open reports nobody has, newest first: the few of today, read
            # in order from an index that holds only the unassigned.
            models.Index(
                fields=["-received_at", "-id"], condition=Q(assigned_to__isnull=True),
                name="intake_report_unassigned",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        """The registry number as printed: 0042/2026."""
        return f"{self.sequence:04d}/{self.year}"

    @property
    def municipality_label(self) -> str:
        """The place's name for lists and notices: a place not on the reference list is
        named only on the report's own page, where it is decrypted."""
        from zastita.core.municipalities import OTHER, municipality_name

        if self.municipality == OTHER:
            return str(_("another place"))
        return municipality_name(self.municipality)

    @property
    def exploitation_labels(self) -> list[str]:
        labels = dict(Exploitation.choices)
        return [str(labels.get(code, code)) for code in self.exploitation]

    @property
    def is_open(self) -> bool:
        return self.status not in (
            Status.FORWARDED, Status.REJECTED, Status.DISCONTINUED, Status.CLOSED
        )  # fmt: skip


class SetAside(models.TextChoices):
    """Why a person of a report no longer waits for the field visit."""

    NOT_FOUND = "not_found", _("found not to exist")
    WITHDRAWN = "withdrawn", _("withdrawn from the report")


class ReportPerson(BaseModel):
    """A person the report concerns: linked to the registry, or described provisionally
    until they can be (the description is encrypted)."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="persons")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    description = models.TextField(blank=True)  # encrypted
    # What the clocks and statistics need without opening the description.
    is_child = models.BooleanField(_("a child, or age unknown"), default=True)
    # Set aside (found not to exist, or withdrawn), with a reason (encrypted): the
    # field-visit clock no longer waits for this person.
    set_aside = models.CharField(max_length=12, choices=SetAside.choices, blank=True)
    set_aside_reason = models.TextField(blank=True)  # encrypted
    set_aside_at = models.DateTimeField(null=True, blank=True)
    set_aside_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "person"], name="intake_report_person_once",
                condition=models.Q(person__isnull=False),
            ),
            # Set aside means why, when and by whom, all together (the reason is checked by
            # the service: it is ciphertext here).
            models.CheckConstraint(
                condition=models.Q(set_aside="", set_aside_at__isnull=True)
                | (~models.Q(set_aside="") & models.Q(set_aside_at__isnull=False,
                                                      set_aside_by__isnull=False)),
                name="intake_set_aside_complete",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.report_id}/{self.pk}"


class ReportTransition(models.Model):
    """One step of a report's workflow, for its timeline. A reason, if any, is encrypted."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    reason = models.TextField(blank=True)  # encrypted
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status}->{self.to_status}"


class Attachment(AttachmentFields):
    """A file of a report (see `core.files.attachments`); its name is sealed to the report."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="attachments")


# --- response clocks ---
# Deadlines of the deadlines platform on reports (registered in zastita.intake.clocks); their
# targets are the platform's data. Migration 0012 carried the clocks and targets over.


class ClockKind(models.TextChoices):
    FIRST_CONTACT = "first_contact", _("first contact by the duty worker")
    DECISION = "decision", _("decision on the report")
    FIELD_VISIT = "field_visit", _("field identification visit")


class ClockState(models.TextChoices):
    """The states a clock takes (the deadlines' states, which also has "paused")."""

    RUNNING = "running", _("running")
    MET = "met", _("met")
    MISSED = "met_late", _("met late")
    CANCELLED = "cancelled", _("no longer needed")


# --- notifications ---
# The outbox is the notifications platform's (zastita.notifications); intake registers its
# kinds there (intake.notifications) and notifies about a report as subject ("report", id).


class NotificationKind(models.TextChoices):
    NEW_REPORT = "new_report", _("new report")
    WARNING = "warning", _("response time running out")
    BREACH = "breach", _("response time missed")
    ESCALATION = "escalation", _("escalated to the head of service")


# --- duty roster ---


class ShiftKind(models.TextChoices):
    # Not the education level "primary" (основно образовање): its own context.
    PRIMARY = "primary", pgettext_lazy("duty shift", "primary")
    BACKUP = "backup", _("backup")


class Shift(BaseModel):
    """One worker on duty from `starts_at` to `ends_at` (aware datetimes: a shift over the
    change to summer time is simply an hour shorter)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("shift"), max_length=8, choices=ShiftKind.choices)
    starts_at = models.DateTimeField(_("from"), db_index=True)
    ends_at = models.DateTimeField(_("until"), db_index=True)
    handover = models.TextField(blank=True)  # encrypted handover note
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["starts_at", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="intake_shift_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.starts_at:%Y-%m-%d %H:%M}"
