"""Formal identification of one person of an accepted report: conversations and interviews,
indicator assessments, written forms (the assessments and the findings and opinion), the
decision on the person's status, criminal proceedings and attached files.

Free texts (places, participants, notes, reasons) are encrypted, bound to their record.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zastita.accounts.models import Assigned
from zastita.core.files.attachments import AttachmentFields
from zastita.core.models import BaseModel


class IdentificationStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("under way")
    DECIDED = "decided", _("decided")


class Identification(Assigned, BaseModel):
    """The Center's identification of one person concerned by a report."""

    report_person = models.OneToOneField(
        "intake.ReportPerson", on_delete=models.PROTECT, related_name="identification"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="identifications"
    )
    status = models.CharField(
        max_length=12,
        choices=IdentificationStatus.choices,
        default=IdentificationStatus.IN_PROGRESS,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # The worklist: one status, newest first, a page at a time.
            models.Index(fields=["status", "created_at"], name="identification_status_idx"),
        ]

    def __str__(self) -> str:
        return f"identification {self.pk}"


class InterviewKind(models.TextChoices):
    FIRST_CONVERSATION = "first", _("first conversation")
    FIELD_INTERVIEW = "field", _("field identification interview")
    NEEDS_ASSESSMENT = "needs", _("needs and state assessment")


class Interview(BaseModel):
    identification = models.ForeignKey(
        Identification, on_delete=models.PROTECT, related_name="interviews"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=InterviewKind.choices)
    held_at = models.DateTimeField(_("held at"))
    place = models.TextField(blank=True)  # encrypted
    participants = models.TextField(blank=True)  # encrypted
    interpreter = models.BooleanField(_("with an interpreter"), default=False)
    language = models.CharField(_("language"), max_length=3, blank=True)  # ISO 639
    notes = models.TextField(blank=True)  # encrypted
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["held_at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"


class Assessment(BaseModel):
    """An indicator assessment: the answers to one set, the evaluation the engine gave for
    them, and the rules document it used (by digest), so a result can always be explained."""

    identification = models.ForeignKey(
        Identification, on_delete=models.PROTECT, related_name="assessments"
    )
    set_id = models.CharField(_("indicator set"), max_length=8)
    # {indicator id: "present" | "absent" | "unknown"}; notes are encrypted separately.
    answers = models.JSONField(default=dict)
    notes = models.TextField(blank=True)  # encrypted JSON {indicator id: note}
    act_present = models.BooleanField(null=True, blank=True)
    age_at_exploitation = models.PositiveSmallIntegerField(null=True, blank=True)
    age_disputed = models.BooleanField(default=False)
    # Why a set meant for another age group is used (encrypted); required in that case.
    override_reason = models.TextField(blank=True)
    outcome = models.CharField(max_length=24)
    result = models.JSONField(default=dict)
    rules_digest = models.CharField(max_length=64)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["identification", "set_id"], name="identification_one_assessment_per_set"
            )
        ]

    def __str__(self) -> str:
        return f"{self.set_id} {self.pk}"


class VictimStatus(models.TextChoices):
    PRESUMED = "presumed", _("presumed victim")
    IDENTIFIED = "identified", _("identified victim")
    NOT_VICTIM = "not_victim", _("not a victim of trafficking")


# HTCDS vic_TraffickingStatus for each status (exports use these).
HTCDS_STATUS = {
    VictimStatus.PRESUMED: "PossibleVictimOfTrafficking",
    VictimStatus.IDENTIFIED: "ActualVictimOfTrafficking",
    VictimStatus.NOT_VICTIM: "NotAVictimOfTrafficking",
}


class DecisionKind(models.TextChoices):
    INITIAL = "initial", _("decision")
    REVIEW = "review", _("review")
    APPEAL = "appeal", _("decision on an appeal")


class ControlMeans(models.TextChoices):
    """HTCDS vic_MethodsOfControl."""

    PHYSICAL_THREATS = "PhysicalThreats", _("physical threats")
    THREATS_LAW_ENFORCEMENT = "ThreatsLawEnforcement", _("threats of the police or deportation")
    THREATENS_FAMILY = "ThreatensChildrenFamily", _("threats against children or family")
    DEBT_BONDAGE = "DebtBondage", _("debt bondage")
    FALSE_PROMISES = "FalsePromises", _("false promises")
    PHYSICAL_ABUSE = "PhysicalAbuse", _("physical abuse")
    SEXUAL_ABUSE = "SexualAbuse", _("sexual abuse")
    TAKES_EARNINGS = "TakesEarnings", _("takes the earnings")
    RESTRICTS_FINANCES = "RestrictsFinancialAccess", _("restricts access to money")
    RESTRICTS_MEDICAL = "RestrictsMedicalCare", _("restricts medical care")
    WITHHOLDS_NECESSITIES = "WithholdsNecessities", _("withholds food, sleep or other necessities")
    PSYCHOLOGICAL_ABUSE = "PsychologicalAbuse", _("psychological abuse")
    SUBSTANCES = "PsychoactiveSubstance", _("psychoactive substances")
    EXCESSIVE_HOURS = "ExcessiveWorkingHours", _("excessive working hours")
    WITHHOLDS_DOCUMENTS = "WithholdsDocuments", _("withholds documents")
    OTHER = "Other", _("other")


class Recruitment(models.TextChoices):
    """How the person was recruited. HTCDS records recruitment as a trafficking event
    (hte_Type Recruitment) without a picklist of methods: these are the Center's own codes,
    exported as they are."""

    JOB_OFFER = "JobOffer", _("a job offer or an advertisement")
    ACQUAINTANCE = "Acquaintance", _("through a friend or an acquaintance")
    PARTNER = "IntimatePartner", _("through an intimate partner")
    FAMILY = "Family", _("through a family member")
    ONLINE = "Online", _("online or through social networks")
    AGENCY = "Agency", _("through an employment or travel agency")
    MARRIAGE = "MarriageArrangement", _("an arranged marriage")
    ABDUCTION = "Abduction", _("abduction")
    OTHER = "Other", _("other")


class Relationship(models.TextChoices):
    """HTCDS vic_RelationshipToTrafficker (its spelling of "Unaquainted" kept for export)."""

    FAMILIAL = "Familial", _("family member")
    ACQUAINTED = "Acquainted", _("acquaintance")
    UNACQUAINTED = "Unaquainted", _("stranger")
    UNKNOWN = "", _("unknown")


class Decision(BaseModel):
    """A decision on a person's status. Never changed once approved: a review or an appeal
    is a new decision that supersedes it, with its reasons, so the history is whole."""

    identification = models.ForeignKey(
        Identification, on_delete=models.PROTECT, related_name="decisions"
    )
    kind = models.CharField(max_length=8, choices=DecisionKind.choices, default="initial")
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    status = models.CharField(_("status"), max_length=12, choices=VictimStatus.choices)
    exploitation = models.JSONField(default=list)  # intake.Exploitation codes
    abroad = models.BooleanField(_("exploited abroad"), default=False)
    # A code of the municipalities' list (core.municipalities); a place not on it is OTHER,
    # its name encrypted in municipality_other.
    municipality = models.CharField(_("municipality or city"), max_length=40, blank=True)
    municipality_other = models.TextField(blank=True)  # encrypted
    country = models.CharField(_("country"), max_length=2, blank=True)  # ISO 3166, abroad
    period_from = models.DateField(null=True, blank=True)
    period_to = models.DateField(null=True, blank=True)
    recruitment = models.JSONField(default=list)  # Recruitment codes
    control_means = models.JSONField(default=list)  # ControlMeans codes
    relationship = models.CharField(
        max_length=12, choices=Relationship.choices, blank=True, default=""
    )
    decided_on = models.DateField(_("decided on"))
    # The panel: [{"user": id}]; the professions, as the members state them, encrypted in
    # panel_professions (a JSON list in the panel's order).
    panel = models.JSONField(default=list)
    panel_professions = models.TextField(blank=True)  # encrypted
    reasons = models.TextField()  # encrypted
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"decision {self.pk}"

    @property
    def htcds_status(self) -> str:
        return HTCDS_STATUS[VictimStatus(self.status)]

    def facts(
        self, names: dict[int, str], *, place_other: str = "", professions: list[str] | None = None
    ) -> list[tuple[str, str]]:
        """The facts of the exploitation as the head of service reads them before approving:
        (label, value in words), the empty ones left out. `names` gives the panel members'
        names by user id (read once for the page, not per decision); `place_other` and
        `professions` are the decrypted texts (services.decision_place, decision_panel)."""
        from django.utils.formats import date_format

        from zastita.core.municipalities import municipality_name
        from zastita.core.reference import country_name
        from zastita.intake.public import Exploitation

        def words(choices: type[models.TextChoices], codes: list[str]) -> str:
            labels = dict(choices.choices)
            return ", ".join(str(labels.get(code, code)) for code in codes)

        if self.abroad:
            place = country_name(self.country)
        else:
            named = municipality_name(self.municipality) if self.municipality else ""
            place = place_other or named
        period = " – ".join(
            date_format(d, "SHORT_DATE_FORMAT") for d in (self.period_from, self.period_to) if d
        )
        stated = list(professions or [])
        stated += [""] * (len(self.panel) - len(stated))
        panel = ", ".join(f"{names.get(m.get('user'), '?')} ({profession or '?'})"
                          for m, profession in zip(self.panel, stated, strict=False))  # fmt: skip
        rows = [
            (_("Forms of exploitation"), words(Exploitation, self.exploitation)),
            (_("Place of exploitation"), place),
            (_("Period"), period),
            (_("Recruitment"), words(Recruitment, self.recruitment)),
            (_("Means of control"), words(ControlMeans, self.control_means)),
            (_("Relationship to the trafficker"), self.get_relationship_display()
             if self.relationship else ""),
            (_("Panel"), panel),
        ]  # fmt: skip
        return [(str(label), value) for label, value in rows if value]


class FormKind(models.TextChoices):
    """The written forms of an identification (the Center's forms 3, 4 and 5, and the needs
    and state assessment the protection plan starts from): specs of the writtenforms
    platform, registered from `written`."""

    IDENTIFICATION_ASSESSMENT = "identification", _("assessment for identification")
    PERSONAL_ASSESSMENT = "personal", _("assessment of personality, family and environment")
    NEEDS_ASSESSMENT = "needs", _("needs and state assessment")
    FINDINGS = "findings", _("findings and opinion")


class ProceedingStage(models.TextChoices):
    POLICE = "police", _("police")
    PROSECUTION = "prosecution", _("public prosecution")
    COURT = "court", _("court")


class ProceduralRole(models.TextChoices):
    INJURED_PARTY = "injured", _("injured party")
    WITNESS = "witness", _("witness")
    BOTH = "both", _("injured party and witness")


class Consent(models.TextChoices):
    """The victim's consent to cooperate with the authorities. Assistance never depends on
    it: nothing in the system requires it."""

    NOT_ASKED = "not_asked", _("not asked yet")
    GIVEN = "given", _("consents to cooperate")
    REFUSED = "refused", _("does not consent")
    WITHDRAWN = "withdrawn", _("withdrew consent")


class ProceedingFields(BaseModel):
    """What a proceeding records, here and on the person's case (`cases`), where they are
    kept once a case opens."""

    stage = models.CharField(_("stage"), max_length=12, choices=ProceedingStage.choices)
    authority = models.TextField(_("authority"))  # encrypted (it can locate the person)
    reference = models.TextField()  # the case number, encrypted
    role = models.CharField(_("procedural role"), max_length=8, choices=ProceduralRole.choices)
    consent = models.CharField(
        _("consent to cooperate"), max_length=10, choices=Consent.choices,
        default=Consent.NOT_ASKED,
    )  # fmt: skip
    consent_on = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True


class Proceeding(ProceedingFields):
    """A reference to a police, prosecution or court case in which the person takes part."""

    identification = models.ForeignKey(
        Identification, on_delete=models.PROTECT, related_name="proceedings"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.stage} {self.pk}"


class RulesVersion(models.Model):
    """A version of the indicator sets and decision rules (the YAML document), as edited in
    the application. The newest one is in use; every earlier one is kept."""

    number = models.PositiveIntegerField(unique=True)
    text = models.TextField()
    digest = models.CharField(max_length=64)
    comment = models.CharField(_("what changed"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"rules v{self.number}"


class DocumentKind(models.TextChoices):
    IDENTITY = "identity", _("identity or travel document")
    STATEMENT = "statement", _("statement or record of an interview")
    MEDICAL = "medical", _("medical record")
    SOCIAL = "social", _("social work centre record")
    POLICE = "police", _("police or judicial record")
    EVIDENCE = "evidence", _("evidence of the exploitation")
    OTHER = "other", _("other")


class Attachment(AttachmentFields):
    """A document of an identification (see `core.files.attachments`). Its original name
    and description are encrypted."""

    identification = models.ForeignKey(
        Identification, on_delete=models.PROTECT, related_name="attachments"
    )
    kind = models.CharField(_("kind of document"), max_length=12, choices=DocumentKind.choices)
    description = models.TextField(blank=True)  # encrypted
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
