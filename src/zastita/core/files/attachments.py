"""Attachments: files a record keeps (a report's, an identification's; the cases and the
shelter to come). What every app's attachments share is here, once:

- `AttachmentFields`: the abstract row. The stored file's fields, the original name (sealed
  by the owning app, in its own context: names can identify), who uploaded it.
- `attach(name, data, row)`: the file checked and stored, then `row(stored, name)` writes
  the row and its audit event in one durable transaction; if that fails, the stored file
  goes too, so nothing is half-saved.
- `AttachmentUploadForm`: the file field, with the size asked before the file is read;
  `attach_with(add)` hands the file to the app's service and puts a refusal at the field.
- The download: `core.files.download` (the view first loads the row scoped to the user and
  notes the read).

Core imports no other app: the permission check, the sealing and the audit event stay in
the app's service, which `row` and `add` call back.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from zastita.core.errors import ValidationError
from zastita.core.files import StoredFile, discard, store, too_large, too_large_message
from zastita.core.files.fields import UploadField
from zastita.core.forms import apply_errors
from zastita.core.models import StoredFileFields

# The original name is kept up to this many characters.
NAME_MAX = 200


class AttachmentFields(StoredFileFields):
    """A file of a record, stored encrypted outside the web root under a random name."""

    name = models.TextField()  # the original file name, sealed by the owning app
    # An app whose attachments always have an uploader declares the field again, required.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        abstract = True
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.storage_name


def attach[T](name: str, data: bytes, row: Callable[[StoredFile, str], T]) -> T:
    """Checks and stores the file (ValidationError, field "file", with the reason the user
    can act on), then calls `row(stored, name)` inside one durable transaction: it creates
    the row from `stored.row_fields()` and records the audit event. The name passed on is
    cut to NAME_MAX. If the row or its commit fails, the stored file is discarded."""
    stored = store(name, data)
    try:
        with transaction.atomic(durable=True):
            return row(stored, name[:NAME_MAX])
    except BaseException:
        discard(stored.storage_name)  # nothing half-saved
        raise


class AttachmentUploadForm(forms.Form):
    """The base of every attachment form: the file, refused at its field when it is missing,
    empty or larger than the cap (asked before the file is read into memory). An app's form
    adds its own fields (the kind of document, a description)."""

    file = UploadField(label=_("File (PDF, JPEG, PNG or text)"))

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if too_large(upload.size or 0):
            raise forms.ValidationError(too_large_message())
        return upload

    def attach_with(self, add: Callable[[str, bytes], object]) -> bool:
        """True when the form is valid and `add(name, data)` (the app's service) took the
        file; otherwise False, with the reason at its field and what was typed kept."""
        if not self.is_valid():
            return False
        upload = self.cleaned_data["file"]
        try:
            add(upload.name or "", upload.read())
        except ValidationError as exc:
            apply_errors(self, exc)
            return False
        return True
