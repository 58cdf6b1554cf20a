"""Persons: a pseudonymous code, descriptive fields for statistics, and an encrypted identity.

The identity (names, ЈМБГ, date of birth, addresses, phones, documents, notes) is one
AES-256-GCM ciphertext bound to the person's code; a copy of the database alone reveals no
one. Search goes through keyed blind indexes (PersonSearchKey) of spelling-independent forms.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zastita.core.models import BaseModel

ADULT_AGE = 18


class Sex(models.TextChoices):
    """HTCDS prs_Gender."""

    FEMININE = "Feminine", _("female")
    MASCULINE = "Masculine", _("male")
    TRANS_FEMININE = "TransgenderFeminine", _("transgender female")
    TRANS_MASCULINE = "TransgenderMasculine", _("transgender male")
    NON_CONFORMING = "NonConforming", _("gender non-conforming")
    UNKNOWN = "NonSpecifiedUnknown", _("not specified or unknown")


class MaritalStatus(models.TextChoices):
    SINGLE = "single", _("single")
    MARRIED = "married", _("married")
    COHABITING = "cohabiting", _("living with a partner")
    DIVORCED = "divorced", _("divorced")
    WIDOWED = "widowed", _("widowed")
    UNKNOWN = "unknown", _("unknown")


class Education(models.TextChoices):
    """ISCED 2011 levels."""

    NONE = "isced0", _("early childhood or none")
    PRIMARY = "isced1", _("primary")
    LOWER_SECONDARY = "isced2", _("lower secondary")
    UPPER_SECONDARY = "isced3", _("upper secondary")
    POST_SECONDARY = "isced4", _("post-secondary non-tertiary")
    SHORT_TERTIARY = "isced5", _("short-cycle tertiary")
    BACHELOR = "isced6", _("bachelor or equivalent")
    MASTER = "isced7", _("master or equivalent")
    DOCTORATE = "isced8", _("doctorate")
    UNKNOWN = "unknown", _("unknown")


class Ethnicity(models.TextChoices):
    """National affiliation as declared by the person (the census categories with most
    members). Special-category data: recorded only where the Center has enabled it."""

    SERB = "serb", _("Serb")
    HUNGARIAN = "hungarian", _("Hungarian")
    ROMA = "roma", _("Roma")
    BOSNIAK = "bosniak", _("Bosniak")
    CROAT = "croat", _("Croat")
    SLOVAK = "slovak", _("Slovak")
    ALBANIAN = "albanian", _("Albanian")
    MONTENEGRIN = "montenegrin", _("Montenegrin")
    VLACH = "vlach", _("Vlach")
    ROMANIAN = "romanian", _("Romanian")
    MACEDONIAN = "macedonian", _("Macedonian")
    BULGARIAN = "bulgarian", _("Bulgarian")
    OTHER = "other", _("other")
    UNDECLARED = "undeclared", _("not declared")


class DocumentType(models.TextChoices):
    PASSPORT = "passport", _("passport")
    ID_CARD = "id_card", _("identity card")
    TRAVEL = "travel", _("travel document")
    RESIDENCE = "residence", _("residence permit")
    BIRTH = "birth", _("birth certificate")
    OTHER = "other", _("other document")


class DocumentHolder(models.TextChoices):
    """Who holds an identity document now. Anyone but the person or an authority holding it
    is the ILO indicator "withholding of documents"."""

    PERSON = "person", _("the person")
    EMPLOYER = "employer", _("an employer or recruiter")
    OTHER_PERSON = "other_person", _("another person")
    AUTHORITY = "authority", _("an authority")
    CENTER = "center", _("the Center, for safekeeping")
    LOST = "lost", _("lost or destroyed")
    UNKNOWN = "unknown", _("unknown")

    @classmethod
    def withheld(cls) -> tuple[str, ...]:
        return (cls.EMPLOYER.value, cls.OTHER_PERSON.value)


class Person(BaseModel):
    code = models.CharField(_("code"), max_length=16, unique=True)
    sex = models.CharField(_("sex"), max_length=24, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    estimated_age = models.PositiveSmallIntegerField(_("estimated age"), null=True, blank=True)
    age_estimated_on = models.DateField(null=True, blank=True)
    age_disputed = models.BooleanField(_("age disputed"), default=False)
    citizenships = models.JSONField(_("citizenships"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    disability = models.BooleanField(_("disability"), null=True, blank=True)
    marital_status = models.CharField(
        max_length=12, choices=MaritalStatus.choices, default=MaritalStatus.UNKNOWN
    )
    education = models.CharField(max_length=8, choices=Education.choices, default=Education.UNKNOWN)
    # Empty unless settings.ZASTITA_RECORD_ETHNICITY is on (special category, GDPR art. 9).
    ethnicity = models.CharField(max_length=12, choices=Ethnicity.choices, blank=True, default="")
    sealed = models.BooleanField(_("sealed file"), default=False)
    identity = models.TextField()
    identity_key_id = models.CharField(max_length=16)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_from"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(birth_year__isnull=True) | models.Q(birth_year__gte=1900),
                name="people_birth_year_range",
            )
        ]

    def __str__(self) -> str:
        return self.code

    def age(self, on: datetime.date | None = None) -> int | None:
        today = on or timezone.localdate()
        if self.birth_year:
            return today.year - self.birth_year
        if self.estimated_age is not None and self.age_estimated_on:
            return self.estimated_age + (today.year - self.age_estimated_on.year)
        return None

    @property
    def is_child(self) -> bool:
        """Under 18, or of unknown or disputed age: treated as a child everywhere."""
        age = self.age()
        return self.age_disputed or age is None or age < ADULT_AGE


class SearchKind(models.TextChoices):
    NAME = "name"
    PREFIX = "prefix"
    PAIR = "pair"  # two name words of one person
    JMBG = "jmbg"
    BIRTH_DATE = "dob"
    PHONE = "phone"


class PersonSearchKey(models.Model):
    """A keyed hash (HMAC) of one normalised value: searchable, yet meaningless without the key."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="search_keys")
    kind = models.CharField(max_length=8, choices=SearchKind.choices)
    digest = models.CharField(max_length=32)
    key_id = models.CharField(max_length=16)
    # The person's year of birth, copied here so that "name + year" is one index range:
    # the year narrows a common name fifty-fold before any row is fetched.
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        # The digest already encodes the kind (it is part of the HMAC message).
        indexes = [models.Index(fields=["digest", "birth_year"], name="people_search_digest_idx")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.digest[:8]}"


class IdentityReveal(models.Model):
    """A child's or sealed file opened by name: who, when, and why (the reason encrypted).

    The head of service sees every reveal; the audit event points here by id, never carrying
    the reason itself."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="reveals")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"reveal {self.pk}"


class PersonMerge(models.Model):
    """A merge of two records into one, kept for review: nothing of the absorbed record is lost
    (its identity is kept inside the surviving one, its row and history stay)."""

    kept = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_kept")
    absorbed = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="merge")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"merge {self.pk}"


class RelationKind(models.TextChoices):
    MOTHER = "mother", _("mother")
    FATHER = "father", _("father")
    SIBLING = "sibling", _("brother or sister")
    CHILD = "child", _("child")
    PARTNER = "partner", _("spouse or partner")
    RELATIVE = "relative", _("other relative")
    LEGAL_GUARDIAN = "guardian", _("legal guardian")
    TEMPORARY_GUARDIAN = "temp_guardian", _("temporary guardian")

    @classmethod
    def guardians(cls) -> tuple[str, ...]:
        return (cls.LEGAL_GUARDIAN.value, cls.TEMPORARY_GUARDIAN.value)


class PersonRelation(BaseModel):
    """A family member, or the legal or temporary guardian of a child: both are persons of the
    registry, so their identities are as protected as anyone's. A relation is ended, never
    deleted (a guardian appointed last year and replaced since is part of the history)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="relations")
    relative = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="relations_to")
    kind = models.CharField(_("relation"), max_length=16, choices=RelationKind.choices)
    # For a guardian: the social work centre that appointed them.
    appointed_by = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    since = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(person=models.F("relative")), name="people_relation_not_self"
            ),
            models.UniqueConstraint(
                fields=["person", "relative", "kind"],
                condition=models.Q(ended_on__isnull=True),
                name="people_relation_unique_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"

    @property
    def is_guardian(self) -> bool:
        return self.kind in RelationKind.guardians()
