"""The base model every domain model derives from."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class RetentionPeriod(models.Model):
    """One version of a retention rule's period (`core.registries.retention`), set by the
    data-protection officer: rows are only added, the newest version is the one in force
    and, with none, the rule's registered default. The reason says why the period changed;
    it is about the Center's practice, never about a person."""

    rule_code = models.CharField(_("rule"), max_length=64)
    version = models.PositiveIntegerField()
    years = models.PositiveSmallIntegerField(_("period in years"))
    reason = models.CharField(_("reason for the change"), max_length=300)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["rule_code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule_code", "version"], name="core_retention_version_once"
            ),
            models.CheckConstraint(
                condition=models.Q(years__gte=1, years__lte=100),
                name="core_retention_years_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule_code} v{self.version}: {self.years}"


# Models kept in their own modules, imported here so that Django finds them.
from zastita.core.sequences import Sequence  # noqa: E402

__all__ = ["BaseModel", "IdempotentRequest", "RetentionPeriod", "Sequence", "StoredFileFields"]
