"""Partner organisations (schools, health centres, social work centres, police, NGOs, …)
and the API keys their systems use. Organisations are institutions, not persons."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zastita.core.models import BaseModel


class Sector(models.TextChoices):
    POLICE = "police", _("police")
    SOCIAL_WORK = "social_work", _("social work centre")
    GOVERNMENT = "government", _("other government body")
    EDUCATION = "education", _("education")
    HEALTH = "health", _("health")
    NGO_IO = "ngo_io", _("NGO or international organisation")
    LABOUR_INSPECTION = "labour_inspection", _("labour inspectorate")
    JUDICIARY = "judiciary", _("judiciary")
    EMBASSY = "embassy", _("embassy")


class Organisation(BaseModel):
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices)
    municipality = models.CharField(_("municipality or city"), max_length=100, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        constraints = [
            models.UniqueConstraint(fields=["name", "municipality"], name="partners_org_unique")
        ]

    def __str__(self) -> str:
        return self.name


class ApiCapability(models.TextChoices):
    """What a partner system may do through the API."""

    REPORTS_SUBMIT = "reports.submit", _("submit reports")
    REPORTS_STATUS = "reports.status", _("read the status of its own reports")
    REFERENCE_READ = "reference.read", _("read reference data")


class ApiKey(BaseModel):
    """A partner system's credential. Only a SHA-256 digest is kept; the key is shown once.

    A key that submits reports takes two people: one requests it (the administrator or a
    head of service), the other confirms it; only then is the secret made, and shown once to
    the confirmer. Until then the key has no prefix and no digest, so it opens nothing.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="api_keys"
    )
    label = models.CharField(_("label"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True, null=True, blank=True)
    digest = models.CharField(max_length=64, unique=True, null=True, blank=True)
    capabilities = models.JSONField(_("capabilities"), default=list)
    # Who issued the key, or who requested it when it needs confirmation.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}…"

    @property
    def is_pending(self) -> bool:
        return self.digest is None and self.revoked_at is None

    @property
    def is_active(self) -> bool:
        return self.digest is not None and self.revoked_at is None and self.organisation.is_active

    @property
    def capability_labels(self) -> list[str]:
        """The key's capabilities in the reader's language, for the person who confirms it."""
        return [
            str(ApiCapability(code).label) if code in ApiCapability.values else code
            for code in self.capabilities
        ]

    def allows(self, capability: ApiCapability | str) -> bool:
        return self.is_active and str(capability) in self.capabilities


class ProviderKind(models.TextChoices):
    """Who the Center engages for a person's protection (seed 001, goal III, activity 2)."""

    LAWYER = "lawyer", _("lawyer or attorney")
    PSYCHOTHERAPIST = "psychotherapist", _("psychotherapist")
    INTERPRETER = "interpreter", _("interpreter")
    TRANSPORT = "transport", _("transport")
    ACCOMMODATION = "accommodation", _("accommodation (other than the Shelter)")
    HEALTH = "health", _("health institution")
    SOCIAL_WORK = "social_work", _("social work centre")
    EMPLOYMENT = "employment", _("National Employment Service")
    NGO = "ngo", _("non-governmental organisation")
    DONOR = "donor", _("donor")
    OTHER = "other", _("other")


class Provider(BaseModel):
    """A provider in the register: an organisation of the partner register, or a
    professional (a lawyer, a psychotherapist, an interpreter) named by their professional
    name, with the organisation they work through if any. Providers are not the persons the
    Center protects: what is kept here is professional contact data, not a client's."""

    kind = models.CharField(_("kind"), max_length=20, choices=ProviderKind.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="providers",
        verbose_name=_("organisation"),
    )  # fmt: skip
    professional = models.CharField(_("professional's name"), max_length=200, blank=True)
    # ISO 639-3 codes (an interpreter's languages; a therapist's or lawyer's working ones).
    languages = models.JSONField(_("languages"), default=list, blank=True)
    contact = models.CharField(_("contact (telephone, e-mail)"), max_length=200, blank=True)
    # A memorandum or contract with the Center, by its number and date.
    agreement = models.CharField(_("memorandum or contract"), max_length=200, blank=True)
    availability = models.CharField(_("availability"), max_length=500, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["kind", "professional", "pk"]
        verbose_name = _("provider")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | ~models.Q(professional=""),
                name="partners_provider_named",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """How the provider is shown: the professional, and the organisation they work
        through."""
        parts = [self.professional, self.organisation.name if self.organisation else ""]
        return ", ".join(p for p in parts if p)
