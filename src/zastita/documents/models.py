"""Official documents and their templates.

A document is issued once: its registry number (per register and year, gap-free), date,
author, approver and template version are fixed, and its PDF/A is stored encrypted and
served as stored, never rendered again. A correction is a new document that cancels the old
one; both stay. Nothing here names a person: the subject is a type and an id.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from zastita.core.models import BaseModel, StoredFileFields


class TemplateKind(models.TextChoices):
    HTML = "html", _("for the PDF (HTML)")
    DOCX = "docx", _("for editing by hand (Word, DOCX)")


class DocumentTemplate(BaseModel):
    """One version of a document type's template: HTML with Django template tags (for the
    PDF/A), or a Word file with Jinja tags (the DOCX copy of a document edited by hand).
    Each kind is numbered on its own; the newest version is used for new documents, and a
    document keeps the versions it was made from. Templates hold no personal data."""

    type_code = models.CharField(max_length=64)
    kind = models.CharField(max_length=8, choices=TemplateKind.choices, default=TemplateKind.HTML)
    version = models.PositiveIntegerField()
    body = models.TextField(blank=True)
    # The Word file of a DOCX template (empty for HTML).
    docx = models.BinaryField(default=b"", blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["type_code", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["type_code", "kind", "version"], name="documents_template_version_once"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="documents_template_version"),
            models.CheckConstraint(
                condition=Q(kind__in=TemplateKind.values), name="documents_template_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type_code} {self.kind} v{self.version}"


class Document(StoredFileFields):
    """An issued document. The stored file is its PDF/A (see `core.files`)."""

    register = models.CharField(max_length=32)
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField()
    type_code = models.CharField(max_length=64)
    subject_type = models.CharField(max_length=40)
    subject_id = models.PositiveBigIntegerField()
    # The step of the owning app's process that issued it: the same step issues once.
    step_key = models.CharField(max_length=120)
    issued_at = models.DateTimeField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True,
    )  # fmt: skip
    template = models.ForeignKey(DocumentTemplate, on_delete=models.PROTECT, related_name="+")
    # Issued later (by a data migration) for a step taken before documents were kept.
    reissued = models.BooleanField(default=False)
    # The correcting document that cancels this one; each document is cancelled once.
    cancelled_by = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrects"
    )
    cancel_reason = models.TextField(blank=True)  # encrypted: free text

    class Meta:
        ordering = ["-year", "register", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "year", "number"], name="documents_number_once"
            ),
            models.UniqueConstraint(fields=["type_code", "step_key"], name="documents_step_once"),
            models.CheckConstraint(condition=Q(number__gte=1), name="documents_number_positive"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2999), name="documents_year_range"
            ),
            # A cancelled document says why; one that is not has no reason.
            models.CheckConstraint(
                condition=(Q(cancelled_by__isnull=True) & Q(cancel_reason=""))
                | (Q(cancelled_by__isnull=False) & ~Q(cancel_reason="")),
                name="documents_cancel_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(cancelled_by=F("pk")), name="documents_not_cancelled_by_itself"
            ),
        ]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="documents_subject_idx"),
            models.Index(fields=["type_code", "year"], name="documents_type_year_idx"),
            # The register's page order (selectors.REGISTER_ORDER): a page is a range read
            # of this index, however many years the register holds.
            models.Index(fields=["-year", "-issued_at", "-id"], name="documents_register_order"),
        ]

    def __str__(self) -> str:
        return self.registry_number

    @property
    def registry_number(self) -> str:
        """The деловодни број as printed: number and year (`0007/2026`)."""
        return f"{self.number:04d}/{self.year}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_by_id is not None

    def status_label(self) -> str:
        return str(_("cancelled") if self.is_cancelled else _("issued"))


class EditableCopy(StoredFileFields):
    """The Word copy (DOCX) of a document the Center edits by hand before signing, made once
    from the type's DOCX template when the document was issued, stored encrypted beside its
    PDF/A and served as stored."""

    document = models.OneToOneField(Document, on_delete=models.PROTECT, related_name="editable")
    template = models.ForeignKey(DocumentTemplate, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Word copy of a document")
        verbose_name_plural = _("Word copies of documents")

    def __str__(self) -> str:
        return f"DOCX {self.document_id}"


class IncomingDocument(BaseModel):
    """A document the Center received in answer to one it issued (a provider's account of
    the support, asked for by form 19), numbered in the same register and sequence as the
    documents it issues: one деловодник. What it says is kept encrypted; the paper itself
    stays in the Center's file."""

    register = models.CharField(max_length=32)
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField()
    reply_to = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="answers")
    # Who sent it: the institution or professional the Center wrote to (never the person).
    sender = models.CharField(_("sender"), max_length=200)
    received_on = models.DateField(_("received on"))
    summary = models.TextField()  # encrypted: what the answer says
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("incoming document")
        constraints = [
            models.UniqueConstraint(
                fields=["register", "year", "number"], name="documents_incoming_number_once"
            ),
        ]

    def __str__(self) -> str:
        return self.registry_number

    @property
    def registry_number(self) -> str:
        return f"{self.number:04d}/{self.year}"
