"""The base model every domain model derives from."""

from __future__ import annotations

from django.db import models


class BaseModel(models.Model):
    """Creation and update times, aware and in UTC; domain rows are never hard-deleted."""

    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False)

    class Meta:
        abstract = True


class StoredFileFields(BaseModel):
    """What a row knows of a file stored by `core.files`: encrypted, under a random name."""

    content_type = models.CharField(max_length=80)
    size = models.PositiveIntegerField()
    storage_name = models.CharField(max_length=64, unique=True)
    sha256 = models.CharField(max_length=64)
    key_id = models.CharField(max_length=16)

    class Meta:
        abstract = True


# Models kept in their own modules, imported here so that Django finds them.
from zastita.core.sequences import Sequence  # noqa: E402

__all__ = ["BaseModel", "Sequence", "StoredFileFields"]
