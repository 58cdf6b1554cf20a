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


class IdempotentRequest(models.Model):
    """One caller's `Idempotency-Key` and the answer it got, kept for a bounded time
    (`zastita.core.idempotency.TTL`). The answer holds ids and codes only, never what was
    submitted; the body is kept as a keyed hash, to tell a replay from a different request."""

    # "key:<api key id>" or "user:<user id>": a key is the caller's alone.
    scope = models.CharField(max_length=32)
    key = models.CharField(max_length=100)
    request_hash = models.CharField(max_length=64)
    # Empty while the first request is still being answered.
    status = models.PositiveSmallIntegerField(null=True)
    response = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        # The table keeps the name it had when the API app held it.
        db_table = "api_idempotentrequest"
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="api_idempotency_once")
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key[:8]}"


# Models kept in their own modules, imported here so that Django finds them.
from zastita.core.sequences import Sequence  # noqa: E402

__all__ = ["BaseModel", "IdempotentRequest", "Sequence", "StoredFileFields"]
