"""Written forms on a subject (type, id): their versions, each encrypted and bound to its
form, the approval rounds (returned with comments, approved) and the specs' versions.

A platform model names no domain model: the subject is a type and an id, and what it is
comes from the spec its owning app registered (core.registries.writtenforms)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zastita.core.models import BaseModel


class SpecVersion(models.Model):
    """A version of one form's spec (the YAML text: sections, guidance, required flags).
    The newest one is in use; every earlier one is kept, and each version of a form names
    the spec version it was written under."""

    code = models.CharField(max_length=40)
    number = models.PositiveIntegerField()
    text = models.TextField()
    digest = models.CharField(max_length=64)
    comment = models.CharField(_("what changed"), max_length=300)
    # Empty for version 1, seeded from the owning app's registered spec.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "number"], name="writtenforms_spec_version_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.number}"


class FormStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for approval")
    RETURNED = "returned", _("returned with comments")
    APPROVED = "approved", _("approved")


class WrittenForm(BaseModel):
    """One form of one subject. Its text lives in versions, every one kept; the approver
    approves one of them (then it is no longer edited) or returns it with comments."""

    code = models.CharField(max_length=40)
    subject_type = models.CharField(max_length=40)
    subject_id = models.PositiveBigIntegerField()
    status = models.CharField(max_length=10, choices=FormStatus.choices, default=FormStatus.DRAFT)
    approved_version = models.PositiveIntegerField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "subject_type", "subject_id"], name="writtenforms_one_per_subject"
            )
        ]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.code} {self.pk}"


class FormVersion(models.Model):
    form = models.ForeignKey(WrittenForm, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    # The spec version the text was written under (its sections and guidance).
    spec_version = models.PositiveIntegerField()
    sections = models.TextField()  # encrypted JSON {section: text}
    autosaved = models.BooleanField(default=False)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    saved_at = models.DateTimeField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["form", "number"], name="writtenforms_version_once")
        ]

    def __str__(self) -> str:
        return f"v{self.number}"


class ReviewOutcome(models.TextChoices):
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned with comments")


class FormReview(models.Model):
    """The approver's answer to the version they read: approved, or returned with comments
    (encrypted: they speak of the person) for the author to revise."""

    form = models.ForeignKey(WrittenForm, on_delete=models.PROTECT, related_name="reviews")
    version = models.PositiveIntegerField()
    outcome = models.CharField(max_length=10, choices=ReviewOutcome.choices)
    comments = models.TextField(blank=True)  # encrypted
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.outcome} v{self.version}"
